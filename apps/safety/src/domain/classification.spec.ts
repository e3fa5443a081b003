import { classify } from './classification';
import { report } from './worked-examples.fixtures';

describe('classify: seriousness (ICH E2A), severity (CTCAE) and SUSAR', () => {
  it('does not call a severe event serious: grade 3 without a seriousness criterion', () => {
    expect(classify(report({ ctcaeGrade: 3 }))).toMatchObject({ serious: false, severe: true, susar: false });
  });

  it('calls a moderate event serious when it required hospitalisation', () => {
    expect(classify(report({ ctcaeGrade: 2, seriousness: ['HOSPITALISATION'] }))).toMatchObject({ serious: true, severe: false, fatalOrLifeThreatening: false });
  });

  it.each(['DEATH', 'LIFE_THREATENING', 'HOSPITALISATION', 'DISABILITY', 'CONGENITAL_ANOMALY', 'OTHER_MEDICALLY_IMPORTANT'] as const)('calls an event with %s serious', (criterion) => {
    expect(classify(report({ seriousness: [criterion] })).serious).toBe(true);
  });

  it('counts a fatal outcome as death, whatever criteria the form ticked', () => {
    const fatal = classify(report({ ctcaeGrade: 5, outcome: 'FATAL', seriousness: ['HOSPITALISATION'] }));
    expect(fatal).toMatchObject({ serious: true, fatalOrLifeThreatening: true, seriousnessCriteria: ['HOSPITALISATION', 'DEATH'] });
  });

  it('is a SUSAR only when serious, unexpected and suspected related', () => {
    const serious = { seriousness: ['HOSPITALISATION' as const] };
    expect(classify(report({ ...serious, expectedness: 'UNEXPECTED', causality: 'RELATED' })).susar).toBe(true);
    expect(classify(report({ ...serious, expectedness: 'EXPECTED', causality: 'RELATED' })).susar).toBe(false);
    expect(classify(report({ ...serious, expectedness: 'UNEXPECTED', causality: 'NOT_RELATED' })).susar).toBe(false);
    expect(classify(report({ seriousness: [], expectedness: 'UNEXPECTED', causality: 'RELATED', ctcaeGrade: 4 })).susar).toBe(false);
  });

  it('tells a life-threatening SUSAR from another one', () => {
    const base = { expectedness: 'UNEXPECTED' as const, causality: 'RELATED' as const };
    expect(classify(report({ ...base, seriousness: ['LIFE_THREATENING'] })).fatalOrLifeThreatening).toBe(true);
    expect(classify(report({ ...base, seriousness: ['DISABILITY'] })).fatalOrLifeThreatening).toBe(false);
  });
});
