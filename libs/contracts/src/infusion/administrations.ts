import { Type } from 'class-transformer';
import {
  IsArray, IsDefined, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { DEVIATION_KINDS, type DeviationKind } from './protocol-deviation';

/** Bounds no living subject's readings leave: a value outside them is a typing error, refused. */
export class VitalSigns {
  @IsInt() @Min(30) @Max(300) systolicMmHg: number;
  @IsInt() @Min(10) @Max(200) diastolicMmHg: number;
  @IsInt() @Min(20) @Max(300) heartRateBpm: number;
  @IsNumber() @Min(25) @Max(45) temperatureCelsius: number;
}

/** A reaction seen during or right after the infusion. */
export class ImmediateReaction {
  /** CTCAE grade: 1 mild, 2 moderate, 3 severe, 4 life-threatening, 5 death. */
  @IsInt() @Min(1) @Max(5) ctcaeGrade: number;
  /** The CTCAE term, e.g. "Infusion related reaction". */
  @IsString() @IsNotEmpty() term: string;
  @IsString() @IsNotEmpty() description: string;
}

/** What a site reports of one infusion it gave (the subject is named by the request's path or the event). */
export class InfusionReport {
  @IsInt() @Min(1) infusionNumber: number;
  @IsInstant() administeredAt: string;
  /** Weighed on the day: the dose is cells per kg times this weight. */
  @IsNumber() @IsPositive() @Max(400) bodyWeightKg: number;
  @IsInt() @IsPositive() cellsGiven: number;
  @IsString() @Length(1, 64) productLot: string;
  @IsNumber() @Min(0) @Max(100) viabilityPercent: number;
  @IsNumber() @IsPositive() @Max(1440) durationMinutes: number;
  @IsDefined() @ValidateNested() @Type(() => VitalSigns) vitalSignsBefore: VitalSigns;
  @IsDefined() @ValidateNested() @Type(() => VitalSigns) vitalSignsAfter: VitalSigns;
  @IsOptional() @ValidateNested() @Type(() => ImmediateReaction) reaction?: ImmediateReaction;
}

/** An infusion report with who at the site reports it (over HTTP, the caller's token says who); a reaction is reported to safety in their name. */
export class InfusionAdministration extends InfusionReport {
  @IsString() @IsNotEmpty() recordedBy: string;
}

export class InfusionAdministrationSubmittedPayload extends InfusionAdministration {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
}

/** A site's infusion report from its own system, on the ingress topic (as ScreeningSubmitted is for screenings). */
export const InfusionAdministrationSubmitted = defineEvent({
  type: 'InfusionAdministrationSubmitted',
  version: 1,
  topic: TOPICS.sponsorIngress,
  payload: InfusionAdministrationSubmittedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'A site gave a subject an infusion (site system to the platform).',
});

/** The dose the protocol version asks for on the day: cells per kg times that day's weight, with its tolerance. */
export class ExpectedDose {
  @IsInt() @IsPositive() cells: number;
  @IsInt() @Min(0) minCells: number;
  @IsInt() @IsPositive() maxCells: number;
}

export class InfusionAdministeredPayload extends InfusionAdministrationSubmittedPayload {
  @IsUUID() administrationId: string;
  @IsString() @Length(1, 64) siteId: string;
  @IsInt() @Min(1) protocolVersion: number;
  /** The day of administeredAt on the site's calendar: the day windows are judged on. */
  @IsCalendarDate() administeredOn: CalendarDate;
  @IsDefined() @ValidateNested() @Type(() => ExpectedDose) expectedDose: ExpectedDose;
  /** The kinds of the ProtocolDeviationRecorded events published beside it; empty when none. */
  @IsArray() @IsIn(DEVIATION_KINDS, { each: true }) deviations: DeviationKind[];
}

export const InfusionAdministered = defineEvent({
  type: 'InfusionAdministered',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: InfusionAdministeredPayload,
  key: (event) => event.payload.subjectId,
  summary: 'An infusion was recorded as given, with the dose expected that day and the kinds of any protocol deviation.',
});
