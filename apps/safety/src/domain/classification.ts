import type { AdverseEventReport, SeriousnessCriterion } from '@trialstream/contracts';

/** What one version of a case is, by ICH E2A and CTCAE, as far as safety acts on it. */
export interface Classification {
  /** The reported criteria, with DEATH added when the outcome is fatal: an event that results in death is serious whatever the form says. */
  seriousnessCriteria: SeriousnessCriterion[];
  serious: boolean;
  fatalOrLifeThreatening: boolean;
  suspectedRelated: boolean;
  unexpected: boolean;
  /** Serious, unexpected and suspected related: a suspected unexpected serious adverse reaction. */
  susar: boolean;
  /** CTCAE grade 3 or higher. Severity, not seriousness: a grade 3 event need not be serious. */
  severe: boolean;
}

export function classify(report: AdverseEventReport): Classification {
  const criteria = new Set(report.seriousness);
  if (report.outcome === 'FATAL') criteria.add('DEATH');
  const seriousnessCriteria = [...criteria];
  const serious = seriousnessCriteria.length > 0;
  const suspectedRelated = report.causality === 'RELATED';
  const unexpected = report.expectedness === 'UNEXPECTED';
  return {
    seriousnessCriteria,
    serious,
    fatalOrLifeThreatening: criteria.has('DEATH') || criteria.has('LIFE_THREATENING'),
    suspectedRelated,
    unexpected,
    susar: serious && unexpected && suspectedRelated,
    severe: report.ctcaeGrade >= 3,
  };
}
