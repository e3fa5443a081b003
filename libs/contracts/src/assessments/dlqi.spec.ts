import { dlqiBand, dlqiProblems, dlqiScore } from './dlqi';

/** Answers to questions 1-10 in order; null leaves a question unanswered. */
const answered = (...scores: (number | null)[]) =>
  scores.flatMap((score, i) => (score === null ? [] : [{ item: i + 1, score }]));

describe('dlqiScore', () => {
  it('adds the ten answers (worked example: 14, a very large effect)', () => {
    expect(dlqiScore(answered(3, 2, 1, 0, 2, 1, 3, 1, 0, 1))).toEqual({ scored: true, total: 14, band: 'VERY_LARGE_EFFECT', unansweredItems: 0 });
  });

  it('scores one unanswered question as 0', () => {
    expect(dlqiScore(answered(3, 2, 1, null, 2, 1, 3, 1, 0, 1))).toEqual({ scored: true, total: 14, band: 'VERY_LARGE_EFFECT', unansweredItems: 1 });
  });

  it('leaves the questionnaire not scored when two or more questions are unanswered', () => {
    expect(dlqiScore(answered(3, 2, 1, null, 2, 1, null, 1, 0, 1))).toEqual({ scored: false, unansweredItems: 2 });
    expect(dlqiScore([])).toEqual({ scored: false, unansweredItems: 10 });
  });

  it('reaches 0 and 30 at the ends of the scale', () => {
    expect(dlqiScore(answered(0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toMatchObject({ total: 0, band: 'NO_EFFECT' });
    expect(dlqiScore(answered(3, 3, 3, 3, 3, 3, 3, 3, 3, 3))).toMatchObject({ total: 30, band: 'EXTREMELY_LARGE_EFFECT' });
  });
});

describe('dlqiBand', () => {
  it.each([
    [0, 'NO_EFFECT'], [1, 'NO_EFFECT'],
    [2, 'SMALL_EFFECT'], [5, 'SMALL_EFFECT'],
    [6, 'MODERATE_EFFECT'], [10, 'MODERATE_EFFECT'],
    [11, 'VERY_LARGE_EFFECT'], [20, 'VERY_LARGE_EFFECT'],
    [21, 'EXTREMELY_LARGE_EFFECT'], [30, 'EXTREMELY_LARGE_EFFECT'],
  ])('puts a total of %i in %s', (total, band) => {
    expect(dlqiBand(total)).toBe(band);
  });

  it('refuses a total outside 0-30', () => {
    expect(() => dlqiBand(31)).toThrow(RangeError);
  });
});

describe('dlqiProblems', () => {
  it('names a question answered twice, once, whatever the answers', () => {
    const twice = [{ item: 4, score: 1 }, { item: 4, score: 2 }, { item: 4, score: 2 }, { item: 5, score: 0 }];
    expect(dlqiProblems(twice, 'dlqi.answers')).toEqual([{ field: 'dlqi.answers', rule: 'itemOnce', message: 'DLQI question 4 is answered more than once' }]);
    expect(dlqiProblems(answered(1, 1, 1), 'dlqi.answers')).toEqual([]);
  });
});
