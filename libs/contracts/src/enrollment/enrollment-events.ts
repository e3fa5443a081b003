import { Type } from 'class-transformer';
import {
  IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { PSEUDONYMOUS_ID } from './screening';

const subjectKey = (event: { subjectId?: string; trialId: string }) => event.subjectId ?? event.trialId;

/** One eligibility rule as applied to one subject: which rule, what was seen, and the outcome. */
export class RuleResult {
  @IsString() @IsNotEmpty() ruleId: string;
  @IsString() @IsNotEmpty() description: string;
  @IsString() observed: string;
  @IsIn(['PASS', 'FAIL']) outcome: 'PASS' | 'FAIL';
}

export class SubjectScreenedPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsString() @IsNotEmpty() siteId: string;
  @IsInt() @Min(1) protocolVersion: number;
  @IsBoolean() eligible: boolean;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RuleResult) ruleResults: RuleResult[];
}

export const SubjectScreened = defineEvent({
  type: 'SubjectScreened',
  version: 1,
  topic: TOPICS.enrollmentEvents,
  payload: SubjectScreenedPayload,
  key: subjectKey,
  summary: 'A subject was screened against the protocol in force: eligible or not, with every rule result.',
});

export class SubjectEnrolledPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsString() @IsNotEmpty() siteId: string;
  @IsInt() @Min(1) protocolVersion: number;
  /** 1 for the first subject enrolled in the trial, up to the enrollment target. */
  @IsInt() @Min(1) enrollmentNumber: number;
  @IsCalendarDate() baselineDate: CalendarDate;
  @IsNumber() @Min(0) @Max(72) baselinePasi: number;
  @IsInt() @Min(0) @Max(30) baselineDlqi: number;
  @IsNumber() @IsPositive() bodyWeightKg: number;
  @IsString() @IsNotEmpty() consentVersion: string;
  @IsCalendarDate() consentDate: CalendarDate;
  @IsCalendarDate() plannedFirstInfusionDate: CalendarDate;
}

export const SubjectEnrolled = defineEvent({
  type: 'SubjectEnrolled',
  version: 1,
  topic: TOPICS.enrollmentEvents,
  payload: SubjectEnrolledPayload,
  key: subjectKey,
  summary: 'An eligible, consented subject entered the trial, with baseline scores, weight and planned first infusion.',
});

export class EnrollmentClosedPayload {
  @IsInt() @Min(0) enrolled: number;
  @IsInt() @IsPositive() target: number;
  @IsIn(['TARGET_REACHED']) reason: 'TARGET_REACHED';
  /** The protocol version whose target was reached: a later one when an amendment lowered the target. */
  @IsOptional() @IsInt() @Min(1) protocolVersion?: number;
}

export const EnrollmentClosed = defineEvent({
  type: 'EnrollmentClosed',
  version: 1,
  topic: TOPICS.enrollmentStatus,
  payload: EnrollmentClosedPayload,
  key: (event) => event.trialId,
  summary: 'Enrollment reached the trial\'s target and takes no more subjects.',
});

export class SubjectWithdrawnPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsIn(['SUBJECT', 'INVESTIGATOR']) withdrawnBy: 'SUBJECT' | 'INVESTIGATOR';
  @IsString() @IsNotEmpty() reason: string;
  @IsCalendarDate() withdrawalDate: CalendarDate;
  @IsOptional() @IsString() recordedBy?: string;
}

export const SubjectWithdrawn = defineEvent({
  type: 'SubjectWithdrawn',
  version: 1,
  topic: TOPICS.enrollmentEvents,
  payload: SubjectWithdrawnPayload,
  key: subjectKey,
  summary: 'A subject left the trial (by their own choice or the investigator\'s); no further visits follow.',
});
