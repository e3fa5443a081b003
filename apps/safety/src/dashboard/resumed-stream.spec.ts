import type { SafetyAlertRaisedPayload } from '@trialstream/contracts';
import { Subject } from 'rxjs';
import { resumed } from './alert-feed';

const alert = (alertId: string) => ({ alertId }) as SafetyAlertRaisedPayload;

describe('resumed: the alerts a reconnecting client missed, then the live ones', () => {
  it('sends the missed ones first, holds live ones that come meanwhile, sends one in both once, then follows live', async () => {
    const live = new Subject<SafetyAlertRaisedPayload>();
    let readMissed!: (alerts: SafetyAlertRaisedPayload[]) => void;
    const sent: string[] = [];
    const subscription = resumed(live, () => new Promise((resolve) => (readMissed = resolve))).subscribe((a) => sent.push(a.alertId));

    // Raised while the missed ones are read: c was committed before the read (so it is among them too), d after.
    live.next(alert('c'));
    live.next(alert('d'));
    expect(sent).toEqual([]);
    readMissed([alert('a'), alert('b'), alert('c')]);
    await Promise.resolve();
    expect(sent).toEqual(['a', 'b', 'c', 'd']);

    live.next(alert('e'));
    expect(sent).toEqual(['a', 'b', 'c', 'd', 'e']);
    subscription.unsubscribe();
    expect(live.observed).toBe(false);
  });

  it('fails the stream when the missed alerts cannot be read', async () => {
    const failures: string[] = [];
    resumed(new Subject(), () => Promise.reject(new Error('the database is gone'))).subscribe({ error: (error: Error) => failures.push(error.message) });
    await Promise.resolve();
    expect(failures).toEqual(['the database is gone']);
  });
});
