import { addDays, type AdverseEventReport, type CalendarDate, type ProtocolDefinition } from '@trialstream/contracts';
import type { SeededRandom } from './random';

export interface PlannedCase {
  caseId: string;
  subjectId: string;
}

export interface PlannedReport {
  /** The day the site learns of it and reports it. */
  day: number;
  report: AdverseEventReport;
  /** For a SUSAR: the day the expedited report is submitted, inside its clock. */
  submitOn?: number;
}

/** Common non-serious events of the kind such trials report, with whether the investigator suspects the product. */
const COMMON = [
  { term: 'Headache', related: true },
  { term: 'Pyrexia', related: true },
  { term: 'Fatigue', related: true },
  { term: 'Pruritus', related: true },
  { term: 'Nausea', related: true },
  { term: 'Nasopharyngitis', related: false },
  { term: 'Arthralgia', related: false },
  { term: 'Upper respiratory tract infection', related: false },
];

/** Serious events: the first is a SUSAR (related, unexpected); the others are not suspected of the product. */
const SERIOUS = [
  { term: 'Hepatic function abnormal', narrative: 'ALT 6x ULN at a routine visit; admitted for work-up, recovered.', related: true },
  { term: 'Appendicitis', narrative: 'Acute appendicitis, appendectomy, discharged after three days.', related: false },
  { term: 'Pneumonia', narrative: 'Community-acquired pneumonia, admitted for intravenous antibiotics.', related: false },
];

/**
 * Adverse events of the enrolled subjects: none to three each, mostly CTCAE grade 1-2, a few grade 3;
 * about one in ten subjects has a serious one (a hospitalisation). Only the first serious event is
 * suspected of the product, so the trial's count of related serious events stays below the stopping rules.
 */
export function adverseEvents(protocol: ProtocolDefinition, random: SeededRandom, options: { subjects: string[]; day0: CalendarDate; treatmentEnd: number; lastDay: number; reporter: string }): { reports: PlannedReport[]; cases: PlannedCase[] } {
  const reports: PlannedReport[] = [];
  const date = (day: number) => addDays(options.day0, day);
  for (const subjectId of options.subjects) {
    const count = random.pick([0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
    for (let n = 1; n <= count; n++) {
      const { term, related } = random.pick(COMMON);
      const onset = random.chance(0.7) ? random.int(1, options.treatmentEnd + 14) : random.int(options.treatmentEnd + 15, options.lastDay - 3);
      const grade = random.pick([1, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
      const caseId = `AE-${subjectId}-${n}`;
      const day = onset + random.int(0, 2);
      reports.push({ day, report: report(subjectId, caseId, date(onset), date(day), { term, ctcaeGrade: grade, seriousness: [], outcome: grade > 1 ? 'RECOVERING' : 'RECOVERED', causality: related ? 'RELATED' : 'NOT_RELATED', expectedness: 'EXPECTED', narrative: `${term}, grade ${grade}.`, reporter: options.reporter }) });
    }
  }
  const serious = random.sample(options.subjects, Math.min(SERIOUS.length, Math.max(1, Math.round(options.subjects.length / 10))));
  serious.forEach((subjectId, i) => {
    const { term, narrative, related } = SERIOUS[i];
    const onset = random.int(options.treatmentEnd + 15, options.lastDay - 30);
    const caseId = `SAE-${subjectId}`;
    const day = onset + 1;
    const clockDays = protocol.safety.expeditedReporting.otherSusarDays;
    reports.push({
      day,
      report: report(subjectId, caseId, date(onset), date(day), { term, ctcaeGrade: 3, seriousness: ['HOSPITALISATION'], outcome: 'RECOVERED', causality: related ? 'RELATED' : 'NOT_RELATED', expectedness: related ? 'UNEXPECTED' : 'EXPECTED', narrative, reporter: options.reporter }),
      ...(related ? { submitOn: day + Math.max(1, Math.floor(clockDays / 2)) } : {}),
    });
  });
  return { reports, cases: reports.map(({ report: r }) => ({ caseId: r.caseId, subjectId: r.subjectId })) };
}

function report(subjectId: string, caseId: string, onsetDate: CalendarDate, awareDate: CalendarDate, details: Omit<AdverseEventReport, 'subjectId' | 'caseId' | 'reportId' | 'onsetDate' | 'awareDate'>): AdverseEventReport {
  return { subjectId, caseId, reportId: `${caseId}/1`, onsetDate, awareDate, ...details };
}
