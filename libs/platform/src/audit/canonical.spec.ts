import { createHash } from 'node:crypto';
import { canonicalText, GENESIS_HASH, recordHash, type ChainedRecord } from './canonical';

const record: ChainedRecord = {
  sequence: 7,
  recordedAt: new Date('2015-06-08T09:30:00.120Z'),
  actorSubject: 'enrollment',
  actorRole: 'service',
  entity: 'subject',
  entityId: 'NCT02491658/S-001',
  action: 'enrolled',
  trialId: 'NCT02491658',
  subjectId: 'S-001',
  beforeText: '{"status": "SCREENED"}',
  afterText: '{"status": "ENROLLED"}',
  reason: null,
  correlationId: 'c-1',
  previousHash: GENESIS_HASH,
};

describe('the canonical text and hash of an audit record', () => {
  it('is the JSON array PostgreSQL renders: fields in order, ", " between them, jsonb values as stored, milliseconds in UTC', () => {
    expect(canonicalText(record)).toBe(
      `[7, "2015-06-08T09:30:00.120Z", "enrollment", "service", "subject", "NCT02491658/S-001", "enrolled", "NCT02491658", "S-001", ` +
        `{"status": "SCREENED"}, {"status": "ENROLLED"}, null, "c-1", "${GENESIS_HASH}"]`,
    );
  });

  it('writes a created record (nothing before) and an unknown actor as null', () => {
    const created = { ...record, beforeText: null, actorSubject: null, actorRole: null };
    expect(canonicalText(created)).toMatch(/^\[7, "2015-06-08T09:30:00.120Z", null, null, "subject", .*, null, \{"status": "ENROLLED"\}, /);
  });

  it('escapes text as jsonb does: quotes, backslashes, the short escapes, other control characters as lower-case \\u00xx, the rest as is', () => {
    const text = canonicalText({ ...record, reason: 'said "no"\\ \n\t\u0001 é ✓' });
    expect(text).toContain(String.raw`"said \"no\"\\ \n\t\u0001 é ✓"`);
  });

  it('hashes the UTF-8 bytes of that text with sha256, in hex', () => {
    expect(recordHash(record)).toBe(createHash('sha256').update(Buffer.from(canonicalText(record), 'utf8')).digest('hex'));
    expect(recordHash(record)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every field, so no stored value can change unnoticed', () => {
    const changed: Partial<ChainedRecord>[] = [
      { sequence: 8 }, { recordedAt: new Date('2015-06-08T09:30:00.121Z') }, { actorSubject: 'registry' }, { actorRole: 'data-manager' },
      { entity: 'trial' }, { entityId: 'NCT02491658/S-002' }, { action: 'updated' }, { trialId: null }, { subjectId: 'S-002' },
      { beforeText: '{"status": "ENROLLED"}' }, { afterText: '{"status": "WITHDRAWN"}' }, { reason: '' }, { correlationId: 'c-2' },
      { previousHash: 'f'.repeat(64) },
    ];
    const hashes = new Set([recordHash(record), ...changed.map((change) => recordHash({ ...record, ...change }))]);
    expect(hashes.size).toBe(changed.length + 1);
  });
});
