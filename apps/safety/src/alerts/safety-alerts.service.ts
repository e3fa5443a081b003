import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SafetyAlertRaised } from '@trialstream/contracts';
import { Clock, foundOr404, Outbox } from '@trialstream/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertDeliveryQueue } from '../alert-deliveries/alert-delivery-queue';
import { assertCanAcknowledge, caseAlerts, overdueAlert, type CaseView, type NewAlert, type TriggeredRule } from '../domain/alerts';
import type { RequiredReport } from '../domain/expedited-reports';
import { SafetyAlert } from '../persistence/safety-alert.entity';
import type { ReportClock } from '../persistence/report-clock.entity';
import { alertPayloadOf } from './alert-payload';

type CaseRef = Pick<CaseView, 'trialId' | 'caseId' | 'version' | 'subjectId'>;

/**
 * Raises alerts for safety monitors (recorded, published on the alerts topic and queued for each
 * subscribed endpoint in the same transaction), each fact once per case.
 */
@Injectable()
export class SafetyAlerts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly deliveries: AlertDeliveryQueue,
  ) {}

  async raiseForCase(tx: EntityManager, view: CaseView, reports: readonly RequiredReport[], triggered: readonly TriggeredRule[]): Promise<void> {
    const told = await this.toldOf(tx, view);
    for (const alert of caseAlerts(view, reports, triggered, told)) await this.raise(tx, view, alert);
  }

  async raiseOverdue(tx: EntityManager, caseRef: CaseRef, clock: Pick<ReportClock, 'report' | 'dueDate'>): Promise<void> {
    const alert = overdueAlert(caseRef, clock, await this.toldOf(tx, caseRef));
    if (alert) await this.raise(tx, caseRef, alert);
  }

  acknowledge(trialId: string, alertId: string, acknowledgedBy: string): Promise<SafetyAlert> {
    return this.dataSource.transaction(async (tx) => {
      const alerts = tx.getRepository(SafetyAlert);
      const alert = foundOr404(await alerts.findOne({ where: { trialId, alertId }, lock: { mode: 'pessimistic_write' } }), `alert ${alertId} of trial ${trialId}`);
      assertCanAcknowledge(alert);
      return alerts.save({ ...alert, acknowledgedBy, acknowledgedAt: this.clock.now() });
    });
  }

  private async toldOf(tx: EntityManager, { trialId, caseId }: CaseRef): Promise<Set<string>> {
    const rows: { fact: string }[] = await tx.query('SELECT DISTINCT unnest(facts) AS fact FROM safety_alert WHERE trial_id = $1 AND case_id = $2', [trialId, caseId]);
    return new Set(rows.map((r) => r.fact));
  }

  private async raise(tx: EntityManager, { trialId, caseId, version, subjectId }: CaseRef, alert: NewAlert): Promise<void> {
    const record: SafetyAlert = {
      alertId: randomUUID(),
      trialId,
      subjectId,
      caseId,
      caseVersion: version,
      kind: alert.kind,
      severity: alert.severity,
      facts: alert.facts,
      ruleId: alert.ruleId ?? null,
      holdId: alert.holdId ?? null,
      dueDate: alert.dueDate ?? null,
      summary: alert.summary,
      nextStep: alert.nextStep,
      raisedAt: this.clock.now(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    const published = await this.outbox.enqueue(tx, SafetyAlertRaised, { trialId, subjectId, payload: alertPayloadOf(record) });
    await tx.getRepository(SafetyAlert).insert({ ...record, raisedEventId: published.eventId });
    await this.deliveries.queue(tx, published);
  }
}
