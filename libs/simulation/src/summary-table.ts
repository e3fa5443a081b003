import type { SimulationSummary } from './summary';

const breakdown = (counts: Record<string, number>) => Object.entries(counts).map(([name, n]) => `${name} ${n}`).join(', ') || 'none';

/** The summary as lines of "what | how many", for a terminal. */
export function summaryTable(summary: SimulationSummary): string {
  const { recruitment: r, treatment: t, response, followUp: f, safety: s } = summary;
  const rows: [string, string | number][] = [
    ['trial status at the end', summary.trialStatus],
    ['screened', r.screened],
    ['screen failures (rule)', `${r.screened - r.eligible}: ${breakdown(r.screenFailuresByRule)}`],
    ['consented', r.consented],
    ['enrolled', r.enrolled],
    ['eligible, not enrolled', r.eligibleNotEnrolled],
    ['infusions given / missed', `${t.infusionsGiven} / ${t.missedInfusions}`],
    ['completed treatment', t.completedTreatment],
    ['protocol deviations', breakdown(t.deviationsByKind)],
    [`assessed ${response?.timepoint ?? ''}`.trim(), response?.assessed ?? 0],
    ['PASI50 / PASI75 / PASI90', response ? `${response.pasi50} / ${response.pasi75} / ${response.pasi90}` : 'none'],
    ['DLQI improved by the MID', response?.dlqiMinimalImportantDifference ?? 0],
    ['follow-up visits recorded / missed', `${f.visitsRecorded} / ${f.missedVisits}`],
    ['completed follow-up', f.completedFollowUp],
    ['adverse-event cases', `${s.cases} (serious ${s.serious}, non-serious ${s.nonSerious}, SUSAR ${s.susars})`],
    ['cases by CTCAE grade', breakdown(s.byGrade)],
    ['dosing holds placed / lifted', `${s.dosingHolds.placed} / ${s.dosingHolds.lifted}`],
    ['safety alerts', breakdown(s.alertsByKind)],
    ['expedited reports due / submitted (on time) / overdue', `${s.expeditedReports.due} / ${s.expeditedReports.submitted} (${s.expeditedReports.submittedOnTime}) / ${s.expeditedReports.overdue}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}
