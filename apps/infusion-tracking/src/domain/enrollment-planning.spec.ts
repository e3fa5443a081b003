import { planEnrollment } from './enrollment-planning';

const version = (protocolVersion: number) => ({ protocolVersion });

describe('planEnrollment', () => {
  it('plans the visits of a subject enrolled under the treatment plan in force, or an older version', () => {
    expect(planEnrollment(2, false, version(2))).toEqual({ kind: 'PLAN_VISITS', plan: version(2) });
    expect(planEnrollment(1, false, version(2))).toEqual({ kind: 'PLAN_VISITS', plan: version(2) });
  });

  it('waits for the treatment plan while it, or the version the subject enrolled under, has not arrived', () => {
    expect(planEnrollment(1, false, null)).toEqual({ kind: 'AWAIT_TREATMENT_PLAN' });
    expect(planEnrollment(3, false, version(2))).toEqual({ kind: 'AWAIT_TREATMENT_PLAN' });
  });

  it('plans nothing for a subject already withdrawn, with or without a treatment plan', () => {
    expect(planEnrollment(1, true, version(1))).toEqual({ kind: 'SUBJECT_WITHDRAWN' });
    expect(planEnrollment(1, true, null)).toEqual({ kind: 'SUBJECT_WITHDRAWN' });
    expect(planEnrollment(3, true, version(2))).toEqual({ kind: 'SUBJECT_WITHDRAWN' });
  });
});
