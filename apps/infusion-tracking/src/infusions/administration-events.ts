import {
  InfusionAdministered, InfusionReactionReported, ProtocolDeviationRecorded, type CalendarDate, type InfusionAdministrationSubmittedPayload,
} from '@trialstream/contracts';
import type { Outbox } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import type { RecordedInfusion } from './recorded-infusion';

/**
 * What the platform says once an infusion is recorded: InfusionAdministered, each deviation beside
 * it, and the reaction forwarded to safety (reported as the site's reporter, the platform aware
 * today). TreatmentCompleted is TreatmentCompletion's.
 */
export async function publishRecordedInfusion(
  outbox: Outbox,
  tx: EntityManager,
  report: InfusionAdministrationSubmittedPayload,
  recorded: RecordedInfusion,
  awareDate: CalendarDate,
): Promise<void> {
  const { trialId, subjectId, siteId, protocolVersion, infusionNumber, administeredOn, administrationId } = recorded;
  const event = <P>(payload: P) => ({ trialId, subjectId, payload });
  await outbox.enqueue(tx, InfusionAdministered, event({
    ...report, administrationId, siteId, protocolVersion, administeredOn, expectedDose: recorded.expectedDose, deviations: recorded.deviations.map((d) => d.kind),
  }));
  for (const { deviationId, kind, rule, observed, allowed, occurredOn } of recorded.deviations) {
    await outbox.enqueue(tx, ProtocolDeviationRecorded, event({
      deviationId, administrationId, subjectId, protocolVersion, infusionNumber, kind, rule, observed, allowed, occurredOn,
    }));
  }
  if (report.reaction) {
    const { ctcaeGrade, term, description } = report.reaction;
    await outbox.enqueue(tx, InfusionReactionReported, event({
      subjectId, siteId, infusionNumber, administeredAt: report.administeredAt, onsetDate: administeredOn, awareDate,
      ctcaeGrade, term, description, reporter: report.recordedBy,
    }));
  }
}
