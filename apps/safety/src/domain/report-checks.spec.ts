import { reportProblems } from './report-checks';
import { report } from './worked-examples.fixtures';

const rules = (problems: { rule: string }[]) => problems.map((p) => p.rule);

describe('reportProblems: reports that cannot be true', () => {
  it('finds nothing wrong with an event that began the day before the sponsor learned of it, today', () => {
    expect(reportProblems(report({ onsetDate: '2015-06-09', awareDate: '2015-06-10' }), '2015-06-10')).toEqual([]);
    expect(reportProblems(report({ onsetDate: '2015-06-10', awareDate: '2015-06-10' }), '2015-06-10')).toEqual([]);
  });

  it('refuses an onset after the awareness date, naming both', () => {
    const [problem] = reportProblems(report({ onsetDate: '2015-06-11', awareDate: '2015-06-10' }), '2015-06-12');
    expect(problem).toEqual({
      field: 'onsetDate',
      rule: 'onsetNotAfterAwareness',
      message: 'onsetDate 2015-06-11 is after awareDate 2015-06-10: nobody can learn of an event before it begins',
    });
  });

  it('refuses an awareness date after today at the site', () => {
    expect(rules(reportProblems(report({ awareDate: '2015-06-11' }), '2015-06-10'))).toEqual(['notInFuture']);
  });

  it('refuses a grade 5 event whose outcome is not fatal, and takes a fatal one', () => {
    expect(rules(reportProblems(report({ ctcaeGrade: 5, outcome: 'RECOVERING' }), '2015-06-10'))).toEqual(['fatalAtGrade5']);
    expect(reportProblems(report({ ctcaeGrade: 5, outcome: 'FATAL', seriousness: ['DEATH'] }), '2015-06-10')).toEqual([]);
  });
});
