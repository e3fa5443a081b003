import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { IsCalendarDate, IsInstant, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

/** What a safety monitor must act on. */
export const SAFETY_ALERT_KINDS = ['SERIOUS_EVENT', 'SUSAR', 'SEVERE_EVENT', 'STOPPING_RULE_TRIGGERED', 'REPORT_OVERDUE'] as const;
export type SafetyAlertKind = (typeof SAFETY_ALERT_KINDS)[number];

export const ALERT_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export class SafetyAlertRaisedPayload {
  @IsUUID() alertId: string;
  @IsIn(SAFETY_ALERT_KINDS) kind: SafetyAlertKind;
  @IsIn(ALERT_SEVERITIES) severity: AlertSeverity;
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsString() @Length(1, 128) caseId: string;
  /** The case version that brought the fact to light. */
  @IsInt() @Min(1) caseVersion: number;
  /** The stopping rule, for STOPPING_RULE_TRIGGERED. */
  @IsOptional() @IsString() @IsNotEmpty() ruleId?: string;
  /** The dosing hold the rule placed, if it placed one. */
  @IsOptional() @IsUUID() holdId?: string;
  /** The expedited report's due date, for SUSAR and REPORT_OVERDUE. */
  @IsOptional() @IsCalendarDate() dueDate?: CalendarDate;
  /** What happened, in a sentence. */
  @IsString() @IsNotEmpty() summary: string;
  /** What happens next, and what is expected of the monitor. */
  @IsString() @IsNotEmpty() nextStep: string;
  @IsInstant() raisedAt: string;
}

export const SafetyAlertRaised = defineEvent({
  type: 'SafetyAlertRaised',
  version: 1,
  topic: TOPICS.safetyAlerts,
  payload: SafetyAlertRaisedPayload,
  key: (event) => event.trialId,
  summary: 'Something a safety monitor must act on: a new serious or severe event, a SUSAR and its deadline, a stopping rule triggered, a report overdue.',
});
