import { Injectable } from '@nestjs/common';
import { PrerequisiteMissingError, RuleViolationError, SubjectScreened, type EventEnvelope, type RuleResult, type ScreeningData } from '@trialstream/contracts';
import { Clock, insertRows, Outbox, setAuditContext } from '@trialstream/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { evaluateEligibility } from '../domain/eligibility';
import { assertCanScreen, type SubjectStatus } from '../domain/enrollment-rules';
import { screeningProblems } from '../domain/screening-checks';
import { assertSiteOfTrial } from '../domain/sites';
import { SubjectRecord } from '../persistence/subject.entity';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

export interface SubmittedScreening {
  trialId: string;
  screening: ScreeningData;
  /** The ScreeningSubmitted event it came in, if any: the SubjectScreened answers it. */
  causedBy?: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'producer'>;
}

interface Decision {
  causedBy?: SubmittedScreening['causedBy'];
  trialId: string;
  screening: ScreeningData;
  eligible: boolean;
  protocolVersion: number;
  ruleResults: RuleResult[];
}

const subjectKey = (trialId: string, subjectId: string) => `${trialId}\u0000${subjectId}`;

/**
 * Judges screened subjects against the protocol version in force and records each decision with
 * its SubjectScreened. A batch of screenings costs a few set-based statements, not a few per subject.
 */
@Injectable()
export class SubjectScreening {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** One screening in its own transaction, answered with the subject as recorded. */
  screen(trialId: string, screening: ScreeningData): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      await this.screenAll(tx, [{ trialId, screening }]);
      return tx.getRepository(SubjectRecord).findOneByOrFail({ trialId, subjectId: screening.subjectId });
    });
  }

  /** Screenings in order (a subject screened twice ends with the later decision); all or none. */
  async screenAll(tx: EntityManager, submitted: SubmittedScreening[]): Promise<void> {
    for (const { screening } of submitted) {
      const problems = screeningProblems(screening);
      if (problems.length > 0) throw new RuleViolationError(problems);
    }
    const policies = await tx.getRepository(TrialEnrollmentPolicy).findBy({ trialId: In([...new Set(submitted.map((s) => s.trialId))]) });
    const policyOf = new Map(policies.map((p) => [p.trialId, p]));
    const statuses = await this.lockSubjects(tx, submitted);
    const decisions = new Map<string, Decision>();
    for (const { trialId, screening, causedBy } of submitted) {
      const policy = policyOf.get(trialId);
      if (!policy) throw new PrerequisiteMissingError('trialId', 'hasProtocol', `trial ${trialId} has no executable protocol here yet`);
      const key = subjectKey(trialId, screening.subjectId);
      assertSiteOfTrial(policy.sites, screening.siteId);
      assertCanScreen(statuses.get(key));
      const { eligible, ruleResults } = evaluateEligibility(policy.eligibility, screening);
      statuses.set(key, 'SCREENED');
      decisions.set(key, { causedBy, trialId, screening, eligible, protocolVersion: policy.protocolVersion, ruleResults });
      await this.outbox.enqueue(tx, SubjectScreened, {
        trialId,
        subjectId: screening.subjectId,
        causedBy,
        payload: { subjectId: screening.subjectId, siteId: screening.siteId, protocolVersion: policy.protocolVersion, eligible, ruleResults },
      });
    }
    for (const [index, run] of runsByProducer([...decisions.values()]).entries()) {
      // The transport set the audit context of the batch's first event; other producers name themselves.
      const cause = run[0].causedBy;
      if (cause && (index > 0 || cause.producer !== submitted[0].causedBy?.producer)) await setAuditContext(tx, { correlationId: cause.correlationId, actor: { subject: cause.producer, role: 'service' } });
      await this.record(tx, run);
    }
  }

  private async lockSubjects(tx: EntityManager, submitted: SubmittedScreening[]): Promise<Map<string, SubjectStatus>> {
    const rows: { trial_id: string; subject_id: string; status: SubjectStatus }[] = await tx.query(
      `SELECT trial_id, subject_id, status FROM subject
        WHERE (trial_id, subject_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) FOR UPDATE`,
      [submitted.map((s) => s.trialId), submitted.map((s) => s.screening.subjectId)],
    );
    return new Map(rows.map((r) => [subjectKey(r.trial_id, r.subject_id), r.status]));
  }

  /** New subjects are inserted; a re-screened one keeps its consent and the rest of its record. */
  private async record(tx: EntityManager, decisions: Decision[]) {
    const screenedAt = this.clock.now().toISOString();
    await insertRows(
      tx,
      decisions.map((d) => [d.trialId, d.screening.subjectId, d.screening.siteId, d.eligible, d.protocolVersion, JSON.stringify(d.screening), JSON.stringify(d.ruleResults), screenedAt]),
      ['', '', '', 'boolean', 'int', 'json', 'json', 'timestamptz'],
      (values) => `INSERT INTO subject (trial_id, subject_id, site_id, eligible, screened_under_version, screening, rule_results, screened_at, status)
         SELECT *, 'SCREENED' FROM (VALUES ${values}) AS d
         ON CONFLICT (trial_id, subject_id) DO UPDATE SET
           site_id = EXCLUDED.site_id, status = EXCLUDED.status, eligible = EXCLUDED.eligible,
           screened_under_version = EXCLUDED.screened_under_version, screening = EXCLUDED.screening,
           rule_results = EXCLUDED.rule_results, screened_at = EXCLUDED.screened_at`,
    );
  }
}

/** Consecutive decisions of one producer, in order: the audit trail names who caused each row. */
function runsByProducer(decisions: Decision[]): Decision[][] {
  const runs: Decision[][] = [];
  for (const decision of decisions) {
    const last = runs.at(-1);
    if (last && last[0].causedBy?.producer === decision.causedBy?.producer) last.push(decision);
    else runs.push([decision]);
  }
  return runs;
}
