import { RuleViolationError } from '@trialstream/contracts';

/**
 * What a domain rule makes of a call, for worked examples: 'accepted', or the first rule it broke
 * (prefixed with 'invalid' or 'conflict' when asked). Any other error is the test's to see.
 */
export function refusalOf(run: () => unknown, { withKind = false } = {}): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof RuleViolationError)) throw error;
    const { rule } = error.violations[0];
    return withKind ? `${error.kind} ${rule}` : rule;
  }
  return 'accepted';
}
