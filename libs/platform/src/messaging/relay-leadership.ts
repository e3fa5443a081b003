import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * One relay per service publishes at a time, so one key's events leave in commit order however many
 * instances run. The leader holds a session advisory lock on a connection of its own, which also
 * LISTENs for outbox notifications; when the leader dies its connection closes, the lock is freed,
 * and another instance takes over on its next try.
 */
export class RelayLeadership {
  private readonly logger = new Logger('RelayLeadership');
  private client?: Client;
  private leading = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    /** A notification's payload; none when the connection was lost (a notification may have been missed). */
    private readonly onNotification: (payload?: string) => void,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Takes the lock if it is free; returns whether this instance now leads. */
  async tryToLead(): Promise<boolean> {
    if (this.leading) return true;
    const client = await this.connection();
    const [{ locked }] = (await client.query(`SELECT pg_try_advisory_lock(hashtext('trialstream.outbox-relay')) AS locked`)).rows;
    if (!locked) return false;
    await client.query(`LISTEN ${this.channel}`);
    this.leading = true;
    this.logger.log({ message: 'this instance now relays the outbox' });
    return true;
  }

  /** Gives up the lock (closing the connection frees it), so another instance takes over at once. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leading = false;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'trialstream-outbox-relay' });
    client.on('notification', (notification) => this.onNotification(notification.payload));
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      throw error;
    }
    return client;
  }

  private lost(client: Client, reason: string) {
    if (this.client !== client) return;
    if (this.leading) this.logger.warn({ message: 'lost the outbox relay lock', reason });
    this.client = undefined;
    this.leading = false;
    this.onNotification();
  }
}
