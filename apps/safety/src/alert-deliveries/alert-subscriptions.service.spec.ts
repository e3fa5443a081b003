import type { ConfigService } from '@nestjs/config';
import type { Clock } from '@trialstream/platform';
import type { DataSource } from 'typeorm';
import { AlertSubscriptions } from './alert-subscriptions.service';
import type { SafetyEnv } from './safety-env';

describe('AlertSubscriptions.subscribe: endpoints on this machine or a private network', () => {
  // A subscription that passes the check goes on to the database, which this test does not have.
  const database = { transaction: () => Promise.reject(new Error('stored')) } as unknown as DataSource;
  const subscriptions = (allowPrivateAddresses: boolean) =>
    new AlertSubscriptions(database, {} as Clock, { get: () => allowPrivateAddresses } as unknown as ConfigService<SafetyEnv, true>);
  const subscribe = (url: string, allowPrivateAddresses: boolean) => subscriptions(allowPrivateAddresses).subscribe({ url, description: 'receiver' }, 'Dr Wang');

  it.each(['http://127.0.0.1:9000/alerts', 'http://localhost:9000/alerts', 'https://10.1.2.3/alerts', 'https://169.254.169.254/latest', 'https://[fd00::1]/alerts'])(
    'refuses %s, naming the field and the rule, unless such addresses are allowed',
    async (url) => {
      await expect(subscribe(url, false)).rejects.toMatchObject({
        kind: 'invalid',
        violations: [{ field: 'url', rule: 'publicAddress', message: expect.stringContaining('ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES') }],
      });
      await expect(subscribe(url, true)).rejects.toThrow('stored');
    },
  );

  it('takes a public address or a name (a name is checked when it is looked up, at each attempt)', async () => {
    await expect(subscribe('https://pv.example.org/hooks', false)).rejects.toThrow('stored');
    await expect(subscribe('https://8.8.8.8/hooks', false)).rejects.toThrow('stored');
  });
});
