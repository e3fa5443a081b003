import { Injectable } from '@nestjs/common';
import {
  AssessmentRecorded, calendarDateIn, dlqiScore, PrerequisiteMissingError, ResponseEvaluated, RuleViolationError,
  type AssessmentData, type AssessmentRecordedPayload, type DlqiResult, type PasiResult, type ResponseEvaluatedPayload,
} from '@trialstream/contracts';
import { Clock, Outbox } from '@trialstream/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { currentVisitPlan, siteOfPlan } from '../visit-plans/persistence/subject-site';
import { assertAssessable, assessmentProblems, pasiOf } from './domain/assessment-checks';
import { dlqiResponse, pasiResponse } from './domain/response';
import { AssessmentDue, AssessmentRecord, SubjectBaseline } from './persistence/assessment-tables';

export interface RecordedAssessment {
  recorded: AssessmentRecordedPayload;
  /** Null when nothing could be measured against baseline (a DLQI not scored, a baseline PASI of 0). */
  response: ResponseEvaluatedPayload | null;
}

/**
 * Records a subject's PASI and DLQI at a visit, from sites over HTTP or their systems on the ingress
 * topic, scores them and measures them against the subject's baseline: AssessmentRecorded, and
 * ResponseEvaluated when there is a response to give, in the same transaction.
 */
@Injectable()
export class Assessments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  recordNow(trialId: string, subjectId: string, assessment: AssessmentData): Promise<RecordedAssessment> {
    return this.dataSource.transaction((tx) => this.record(tx, trialId, subjectId, assessment));
  }

  async record(tx: EntityManager, trialId: string, subjectId: string, assessment: AssessmentData): Promise<RecordedAssessment> {
    const problems = assessmentProblems(assessment);
    if (problems.length > 0) throw new RuleViolationError(problems);
    // Locked so that two submissions for one subject are judged one after the other.
    const baseline = await tx.getRepository(SubjectBaseline).findOne({ where: { trialId, subjectId }, lock: { mode: 'pessimistic_write' } });
    const plan = await currentVisitPlan(tx, trialId, subjectId);
    // Site systems may report before the enrollment arrives here: the assessment waits for it.
    if (!baseline || !plan) throw new PrerequisiteMissingError('subjectId', 'enrolled', `subject ${subjectId} of trial ${trialId} is not enrolled here yet`);

    const { timepoint, visitNumber, assessedOn, pasi, dlqi } = assessment;
    const at = { trialId, subjectId, timepoint, visitNumber };
    const due = timepoint === 'AFTER_INFUSION' ? await tx.getRepository(AssessmentDue).findOneBy(at) : null;
    const followUpVisit = timepoint === 'FOLLOW_UP' ? await tx.getRepository(SubjectVisit).findOneBy({ trialId, subjectId, kind: 'FOLLOW_UP', number: visitNumber }) : null;
    const recorded = (await tx.getRepository(AssessmentRecord).findBy(at)).map((r) => r.instrument);
    const { timeZone } = await siteOfPlan(tx, plan);
    assertAssessable(assessment, {
      planned: plan.assessments,
      dueSince: due?.dueSince,
      followUpVisit: followUpVisit ?? undefined,
      baselineDate: baseline.baselineDate,
      today: calendarDateIn(this.clock.now(), timeZone),
      recorded,
    });

    const pasiResult: PasiResult | undefined = pasi && { score: pasiOf(pasi), ...(pasi.components ? { components: pasi.components } : {}) };
    const dlqiResult: DlqiResult | undefined = dlqi && { ...dlqiScore(dlqi.answers), answers: dlqi.answers };
    const pasiResponded = pasiResult && pasiResponse(baseline.baselinePasi, pasiResult.score);
    const dlqiResponded = dlqiResult?.total !== undefined ? dlqiResponse(baseline.baselineDlqi, dlqiResult.total) : undefined;
    await tx.getRepository(AssessmentRecord).insert([
      ...(pasiResult ? [{ ...at, instrument: 'PASI' as const, assessedOn, result: pasiResult, response: pasiResponded ?? null }] : []),
      ...(dlqiResult ? [{ ...at, instrument: 'DLQI' as const, assessedOn, result: dlqiResult, response: dlqiResponded ?? null }] : []),
    ]);

    const of = { subjectId, timepoint, visitNumber, assessedOn };
    const recordedPayload = { ...of, ...(pasiResult ? { pasi: pasiResult } : {}), ...(dlqiResult ? { dlqi: dlqiResult } : {}) };
    await this.outbox.enqueue(tx, AssessmentRecorded, { trialId, subjectId, payload: recordedPayload });
    if (!pasiResponded && !dlqiResponded) return { recorded: recordedPayload, response: null };
    const response = { ...of, ...(pasiResponded ? { pasi: pasiResponded } : {}), ...(dlqiResponded ? { dlqi: dlqiResponded } : {}) };
    await this.outbox.enqueue(tx, ResponseEvaluated, { trialId, subjectId, payload: response });
    return { recorded: recordedPayload, response };
  }
}
