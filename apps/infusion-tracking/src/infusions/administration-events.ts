import {
  InfusionAdministered, InfusionReactionReported, ProtocolDeviationRecorded, TreatmentCompleted, type CalendarDate, type InfusionAdministrationSubmittedPayload,
} from '@trialstream/contracts';
import type { Outbox } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import type { AdministrationReview } from './domain/administration-review';
import type { RecordedInfusion } from './recorded-infusion';

/**
 * What the platform says once an infusion is recorded: InfusionAdministered, each deviation beside
 * it, the reaction forwarded to safety (reported as the site's reporter, the platform aware today),
 * and TreatmentCompleted after the last planned infusion.
 */
export async function publishRecordedInfusion(
  outbox: Outbox,
  tx: EntityManager,
  report: InfusionAdministrationSubmittedPayload,
  recorded: RecordedInfusion,
  completion: AdministrationReview['completion'],
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
  if (completion) {
    await outbox.enqueue(tx, TreatmentCompleted, event({ subjectId, lastInfusionDate: administeredOn, infusionsGiven: completion.infusionsGiven, protocolVersion }));
  }
}
