import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/roles';

/** What ties one piece of work to the request or event that caused it, across logs and events. */
export interface CorrelationContext {
  correlationId: string;
  /** The eventId being handled, when the work was caused by an event. */
  causationId?: string;
  /** Who the work is done for: the token's holder on a request, the producing service on an event. */
  actor?: Actor;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

export function runWithCorrelation<T>(context: CorrelationContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}
