// npm run audit:verify [-- service[=postgres://…] …]: walks each service's audit chain and names the
// first broken link; exit code 1 when a chain is broken or cannot be read. Without arguments, the
// four services at the databases they use by default.
import { Client } from 'pg';
import { CONSUMING_SERVICES } from '../libs/contracts/src/topics';
import { verifyAuditChain } from '../libs/platform/src/audit/verify';
import { defaultServiceEnv } from '../libs/platform/src/config/service-env';

async function verify(service: string, url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { records, broken, lastHash } = await verifyAuditChain(async (sql, params) => (await client.query(sql, params)).rows);
    console.log(broken ? `${service}: ${records} records, BROKEN at record ${broken.sequence}: ${broken.reason}` : `${service}: ${records} records, intact, last hash ${lastHash}`);
    return !broken;
  } catch (error) {
    console.log(`${service}: cannot be verified: ${(error as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const asked = process.argv.slice(2);
  const targets = (asked.length > 0 ? asked : [...CONSUMING_SERVICES]).map((arg) => {
    const [service, url] = arg.split(/=(.*)/s);
    return { service, url: url || defaultServiceEnv(service, 0).DATABASE_URL };
  });
  let intact = true;
  for (const { service, url } of targets) intact = (await verify(service, url)) && intact;
  process.exitCode = intact ? 0 : 1;
}

void main();
