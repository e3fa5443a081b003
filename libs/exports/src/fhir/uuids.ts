import { createHash } from 'node:crypto';

/** Namespace of the export's name-based UUIDs (itself a random v4 UUID, fixed forever). */
const NAMESPACE = Buffer.from('5b0e6a3e4d4a4f0e9a0c2d8f1e7b6c31', 'hex');

/** A name-based UUID (RFC 9562 version 5, SHA-1): the same name always gets the same UUID. */
export function nameBasedUuid(...name: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name.join('/')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A resource's fullUrl: the same resource of the same trial always gets the same one, so the same data exports the same Bundle. */
export const resourceUrn = (...name: string[]): string => `urn:uuid:${nameBasedUuid(...name)}`;
