/** What infusion tracking does with a subject's enrollment, given what it already holds. */
export type EnrollmentPlanning<P> =
  | { kind: 'SUBJECT_WITHDRAWN' }
  | { kind: 'AWAIT_TREATMENT_PLAN' }
  | { kind: 'PLAN_VISITS'; plan: P };

/**
 * A subject whose withdrawal is already here gets no visits, whatever treatment plan there is: the
 * enrollment arrived late (parked, dead-lettered and replayed) or again. Otherwise visits follow
 * the treatment plan of the version the subject enrolled under, or a newer one, once it is here.
 */
export function planEnrollment<P extends { protocolVersion: number }>(
  enrolledUnder: number,
  withdrawn: boolean,
  plan: P | null,
): EnrollmentPlanning<P> {
  if (withdrawn) return { kind: 'SUBJECT_WITHDRAWN' };
  if (!plan || plan.protocolVersion < enrolledUnder) return { kind: 'AWAIT_TREATMENT_PLAN' };
  return { kind: 'PLAN_VISITS', plan };
}
