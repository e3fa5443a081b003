import type { CalendarDate, DeviationKind } from '@trialstream/contracts';

/** One rule of the protocol an infusion broke: which, with the numbers seen and allowed. */
export interface Deviation {
  kind: DeviationKind;
  rule: string;
  observed: string;
  allowed: string;
}

/** A planned infusion of a subject, on the site's calendar. */
export interface InfusionWindow {
  number: number;
  plannedDate: CalendarDate;
  windowOpens: CalendarDate;
  windowCloses: CalendarDate;
}

/** An infusion already recorded for the subject. */
export interface GivenInfusion {
  number: number;
  administeredAt: Date;
  administeredOn: CalendarDate;
}
