import { Type } from 'class-transformer';
import {
  IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Min, ValidateNested,
} from 'class-validator';
import { NCT_ID, NCT_ID_MESSAGE, TRIAL_STATUSES, type TrialStatus } from '@trialstream/contracts';

/**
 * Validation of an imported ClinicalTrials.gov API v2 study: the modules the platform reads are
 * checked field by field; everything else in the record is allowed and kept verbatim.
 */
const PHASES = ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'];
const AGE = /^\d+ (Years?|Months?|Weeks?|Days?|Hours?|Minutes?)$/;

class OrgStudyIdInfo {
  @IsString() @IsNotEmpty() id: string;
}

class IdentificationModule {
  @Matches(NCT_ID, { message: `nctId ${NCT_ID_MESSAGE}` }) nctId: string;
  @IsOptional() @ValidateNested() @Type(() => OrgStudyIdInfo) orgStudyIdInfo?: OrgStudyIdInfo;
  @IsString() @IsNotEmpty() briefTitle: string;
  @IsOptional() @IsString() officialTitle?: string;
}

class StatusModule {
  @IsIn(TRIAL_STATUSES) overallStatus: TrialStatus;
}

class EnrollmentInfo {
  @IsInt() @Min(0) count: number;
  @IsOptional() @IsIn(['ACTUAL', 'ESTIMATED']) type?: string;
}

class DesignModule {
  @IsIn(['INTERVENTIONAL', 'OBSERVATIONAL', 'EXPANDED_ACCESS']) studyType: string;
  @IsOptional() @IsArray() @IsIn(PHASES, { each: true }) phases?: string[];
  @IsOptional() @ValidateNested() @Type(() => EnrollmentInfo) enrollmentInfo?: EnrollmentInfo;
}

class EligibilityModule {
  @IsOptional() @IsString() eligibilityCriteria?: string;
  @IsOptional() @IsBoolean() healthyVolunteers?: boolean;
  @IsOptional() @IsIn(['ALL', 'FEMALE', 'MALE']) sex?: string;
  @IsOptional() @Matches(AGE, { message: 'minimumAge must read like "18 Years"' }) minimumAge?: string;
  @IsOptional() @Matches(AGE, { message: 'maximumAge must read like "65 Years"' }) maximumAge?: string;
}

class LeadSponsor {
  @IsString() @IsNotEmpty() name: string;
}

class SponsorCollaboratorsModule {
  @IsOptional() @ValidateNested() @Type(() => LeadSponsor) leadSponsor?: LeadSponsor;
}

class ProtocolSection {
  @IsDefined() @ValidateNested() @Type(() => IdentificationModule) identificationModule: IdentificationModule;
  @IsDefined() @ValidateNested() @Type(() => StatusModule) statusModule: StatusModule;
  @IsOptional() @ValidateNested() @Type(() => DesignModule) designModule?: DesignModule;
  @IsOptional() @ValidateNested() @Type(() => EligibilityModule) eligibilityModule?: EligibilityModule;
  @IsOptional() @ValidateNested() @Type(() => SponsorCollaboratorsModule) sponsorCollaboratorsModule?: SponsorCollaboratorsModule;
  @IsOptional() @IsObject() armsInterventionsModule?: object;
  @IsOptional() @IsObject() contactsLocationsModule?: object;
}

export class CtGovStudyDto {
  @IsObject() @IsDefined() @ValidateNested() @Type(() => ProtocolSection) protocolSection: ProtocolSection;
}
