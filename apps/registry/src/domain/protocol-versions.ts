import { compareCalendarDates, RuleViolationError, type ProtocolDefinition, type TrialStatus } from '@trialstream/contracts';
import { isClosed } from './trial-status-machine';

/** A protocol as a sponsor submits it: the registry numbers the version. */
export type ProtocolDraft = Omit<ProtocolDefinition, 'version'>;

export interface PublishedVersion {
  version: number;
  effectiveDate: string;
}

export interface ProtocolContext {
  trialStatus: TrialStatus;
  /** The latest published version, if any: a new one is an amendment of it. */
  latest?: PublishedVersion;
  /** The registry record's free-text criteria, used when the draft carries none. */
  criteriaText?: string;
  amendmentReason?: string;
}

/**
 * Numbers a new protocol version. An amendment needs a reason and cannot take effect before the
 * version it replaces; a closed trial takes no new version.
 */
export function nextProtocolVersion(draft: ProtocolDraft, context: ProtocolContext): ProtocolDefinition {
  if (isClosed(context.trialStatus)) {
    throw RuleViolationError.of('trial', 'openTrial', `a ${context.trialStatus} trial takes no new protocol version`, 'conflict');
  }
  const { latest } = context;
  if (latest && !context.amendmentReason) {
    throw RuleViolationError.of('amendmentReason', 'required', `required to amend protocol version ${latest.version}`);
  }
  if (latest && compareCalendarDates(draft.effectiveDate, latest.effectiveDate) < 0) {
    throw RuleViolationError.of(
      'effectiveDate',
      'notBeforePreviousVersion',
      `must not be before ${latest.effectiveDate}, when version ${latest.version} took effect`,
    );
  }
  const criteriaText = draft.eligibility.criteriaText ?? context.criteriaText;
  return {
    ...draft,
    version: (latest?.version ?? 0) + 1,
    eligibility: { ...draft.eligibility, ...(criteriaText !== undefined ? { criteriaText } : {}) },
  };
}
