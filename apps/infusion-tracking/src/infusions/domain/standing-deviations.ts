import { compareCalendarDates, type CalendarDate, type HoldScope } from '@trialstream/contracts';
import type { Deviation } from './deviation';

export interface DosingHold {
  scope: HoldScope;
  reason: string;
  placedAt: Date;
  liftedAt: Date | null;
}

/** A protocol version's consent form the subject was asked to sign, and when they were asked. */
export interface ReconsentRequest {
  protocolVersion: number;
  requiredConsentVersion: string;
  requiredAt: Date;
}

export interface Reconsent {
  protocolVersion: number;
  consentDate: CalendarDate;
}

/** Where the subject stood when the infusion was given: withdrawn or not, under holds, owing a re-consent. */
export interface SubjectStanding {
  withdrawalDate: CalendarDate | null;
  holds: DosingHold[];
  reconsentRequests: ReconsentRequest[];
  reconsents: Reconsent[];
}

export function standingDeviations(givenAt: Date, givenOn: CalendarDate, standing: SubjectStanding): Deviation[] {
  return [
    withdrawalDeviation(givenOn, standing.withdrawalDate),
    ...standing.holds.filter((hold) => inForce(hold, givenAt)).map((hold) => holdDeviation(hold, givenAt)),
    ...standing.reconsentRequests.filter((request) => owed(request, givenAt, givenOn, standing.reconsents)).map((request) => reconsentDeviation(request, givenOn)),
  ].filter((deviation): deviation is Deviation => deviation !== undefined);
}

/** Withdrawn after the withdrawal day, as visits are cancelled: a visit on that day stays planned (given, then withdrawn). */
function withdrawalDeviation(givenOn: CalendarDate, withdrawalDate: CalendarDate | null): Deviation | undefined {
  if (withdrawalDate === null || compareCalendarDates(withdrawalDate, givenOn) >= 0) return undefined;
  return { kind: 'SUBJECT_WITHDRAWN', rule: 'no infusion after withdrawal', observed: `given on ${givenOn}`, allowed: `on or before ${withdrawalDate}, the withdrawal` };
}

/** In force from the instant it was placed until the instant it was lifted. */
function inForce(hold: DosingHold, at: Date): boolean {
  return hold.placedAt <= at && (hold.liftedAt === null || hold.liftedAt > at);
}

function holdDeviation(hold: DosingHold, givenAt: Date): Deviation {
  return {
    kind: 'UNDER_DOSING_HOLD',
    rule: `no infusion under a ${hold.scope === 'TRIAL' ? 'trial-wide' : "subject's"} dosing hold (${hold.reason})`,
    observed: `given at ${givenAt.toISOString()}`,
    allowed: `before ${hold.placedAt.toISOString()}, or once the hold is lifted`,
  };
}

/** Owed from the moment it was asked for until a re-consent to that version or a later one, dated on or before the day. */
function owed(request: ReconsentRequest, givenAt: Date, givenOn: CalendarDate, reconsents: Reconsent[]): boolean {
  if (request.requiredAt > givenAt) return false;
  return !reconsents.some((r) => r.protocolVersion >= request.protocolVersion && compareCalendarDates(r.consentDate, givenOn) <= 0);
}

function reconsentDeviation(request: ReconsentRequest, givenOn: CalendarDate): Deviation {
  return {
    kind: 'RECONSENT_OWED',
    rule: `re-consent to form ${request.requiredConsentVersion} of protocol version ${request.protocolVersion} before further infusions`,
    observed: `given on ${givenOn} without that re-consent`,
    allowed: 'once the subject has re-consented',
  };
}
