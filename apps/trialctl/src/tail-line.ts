/** A message as tail reads it off a topic. */
export interface TailedMessage {
  topic: string;
  partition: number;
  offset: string;
  /** The broker's timestamp, ms since the epoch as a string (kafkajs's form). */
  timestamp: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

const SUMMARY_LENGTH = 120;
/** Fields the line already shows in its own columns. */
const SHOWN = new Set(['trialId', 'subjectId']);

/** One readable line: time, type, key, subject, summary; for a dead letter, why it is one. */
export function tailLine(message: TailedMessage): string {
  const event = parseObject(message.value);
  const time = typeof event?.occurredAt === 'string' ? event.occurredAt : new Date(Number(message.timestamp)).toISOString();
  const type = typeof event?.type === 'string' ? `${event.type} v${String(event.version)}` : (message.headers['event-type'] ?? '-');
  const subject = typeof event?.subjectId === 'string' ? event.subjectId : '-';
  const deadLetter = message.headers['dead-letter-kind'];
  const summary = deadLetter
    ? `dead letter ${deadLetter}: ${message.headers['dead-letter-reason'] ?? ''}`
    : event
      ? payloadSummary(event.payload)
      : `not an event: ${message.value ?? '(no value)'}`;
  return [time, type, `key=${message.key ?? '-'}`, `subject=${subject}`, truncate(summary)].join('  ');
}

/** The payload's plain fields as name=value, in order; lists and objects by their size. */
export function payloadSummary(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  return Object.entries(payload)
    .filter(([name]) => !SHOWN.has(name))
    .map(([name, value]) => `${name}=${describe(value)}`)
    .join(' ');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (typeof value === 'object' && value !== null) return '{…}';
  return typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : String(value);
}

function truncate(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
}

function parseObject(value: string | null): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
