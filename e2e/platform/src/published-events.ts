import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ASYNCAPI = join(__dirname, '../../../libs/contracts/asyncapi.json');

/**
 * The published AsyncAPI document as a consumer outside the monorepo would use it: ajv (with
 * ajv-formats) on its message schemas, not the platform's own validator.
 */
export class PublishedEvents {
  private readonly ajv = new Ajv({ strict: true, allErrors: true });
  private readonly messages: Record<string, unknown>;

  constructor(path = ASYNCAPI) {
    const document = JSON.parse(readFileSync(path, 'utf8'));
    this.messages = document.components.messages;
    addFormats(this.ajv);
    this.ajv.addKeyword('components'); // the refs point into the document's components
    this.ajv.addSchema({ $id: 'asyncapi.json', components: document.components });
  }

  /** `Type.vN` of a message, read from its envelope. */
  static messageId(value: string): string {
    const { type, version } = JSON.parse(value);
    return `${type}.v${version}`;
  }

  /** What is wrong with one message on the wire by the published schemas of its type and version; nothing when it conforms. */
  problems(value: string, headers: Record<string, string>): string[] {
    let id: string;
    try {
      id = PublishedEvents.messageId(value);
    } catch {
      return ['not a JSON envelope'];
    }
    if (!(id in this.messages)) return [`${id}: asyncapi.json has no message of this type and version`];
    return [...this.errors(`${id}/payload`, JSON.parse(value)), ...this.errors(`${id}/headers`, headers)].map((e) => `${id} ${e}`);
  }

  private errors(pointer: string, data: unknown): string[] {
    const validate = this.ajv.getSchema(`asyncapi.json#/components/messages/${pointer}`) as ValidateFunction;
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${pointer.split('/')[1]}${e.instancePath} ${e.message}`);
  }
}
