import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of the run's own (initdb and pg_ctl on its own port and data directory), so
 * the run may crash and restart it; the shared server on 5432 is never touched. PostgreSQL refuses
 * to run as root: every command runs as the postgres user.
 */
export class PrivatePostgres {
  private readonly dir: string;
  private readonly data: string;

  /**
   * Its files go in a directory of its own under the system's temporary directory: the postgres
   * user must be able to reach them, which a checkout under a root-only directory does not allow.
   */
  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'trialstream-faults-postgres-'));
    this.data = join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  private asPostgres(command: string, args: string[], timeout = 90_000) {
    return run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args], { timeout });
  }

  async start(): Promise<void> {
    if (!existsSync(this.data)) {
      const { uid, gid } = await this.postgresIds();
      chownSync(this.dir, uid, gid);
      await this.asPostgres('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    }
    // Loopback only, its socket in its own directory; fsync off: a crash here tests the services, not the disk.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await this.asPostgres('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
  }

  /** An immediate stop is a crash: connections cut, recovery from the WAL on the next start. */
  async crash(): Promise<void> {
    await this.asPostgres('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  async remove(): Promise<void> {
    if (existsSync(join(this.data, 'postmaster.pid'))) await this.asPostgres('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async postgresIds(): Promise<{ uid: number; gid: number }> {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
}
