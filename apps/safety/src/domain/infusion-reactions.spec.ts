import type { InfusionReactionReportedPayload } from '@trialstream/contracts';
import { classify } from './classification';
import { reportFromInfusionReaction } from './infusion-reactions';

const reaction = (ctcaeGrade: number): InfusionReactionReportedPayload => ({
  subjectId: 'S-001',
  siteId: 'BJ-01',
  infusionNumber: 2,
  administeredAt: '2015-06-15T02:00:00Z',
  onsetDate: '2015-06-15',
  awareDate: '2015-06-15',
  ctcaeGrade,
  term: 'Infusion-related reaction',
  description: 'Rigors and hypotension 30 minutes into the infusion; infusion stopped.',
  reporter: 'infusion nurse BJ-01',
});

describe('reportFromInfusionReaction: a forwarded reaction opens a case, assessed at its worst until the sponsor follows up', () => {
  it('opens one case per subject and infusion, a related, unexpected infusion-related reaction', () => {
    const report = reportFromInfusionReaction(reaction(3), '6f1c3c57-6f4e-4f8e-9d52-1c0b8f0e2a11');
    expect(report).toMatchObject({
      caseId: 'S-001-IRR-2',
      reportId: '6f1c3c57-6f4e-4f8e-9d52-1c0b8f0e2a11',
      eventCategory: 'INFUSION_RELATED_REACTION',
      causality: 'RELATED',
      expectedness: 'UNEXPECTED',
      seriousness: [],
      outcome: 'UNKNOWN',
      narrative: 'Rigors and hypotension 30 minutes into the infusion; infusion stopped. (infusion 2, administered 2015-06-15T02:00:00Z)',
    });
  });

  it('is severe but not serious at grade 3, a life-threatening SUSAR at grade 4, a fatal one at grade 5', () => {
    expect(classify(reportFromInfusionReaction(reaction(3), 'e'))).toMatchObject({ severe: true, serious: false, susar: false });
    expect(classify(reportFromInfusionReaction(reaction(4), 'e'))).toMatchObject({ serious: true, susar: true, fatalOrLifeThreatening: true });
    expect(reportFromInfusionReaction(reaction(5), 'e')).toMatchObject({ seriousness: ['DEATH'], outcome: 'FATAL' });
  });
});
