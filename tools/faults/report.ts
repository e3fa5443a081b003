import type { PhaseFindings } from './invariants';

/** One row of the table: a fault, what was in flight when it hit, and what it cost. */
export interface FaultRow extends Omit<PhaseFindings, 'lostSubjects'> {
  fault: string;
  /** Inputs sent but not yet answered on the wire when the fault was injected (undefined: no injection). */
  inFlight?: number;
  /** From injection until every input of the phase had its effect published. */
  recoverMs?: number;
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

/** The table the run prints: zero lost and zero duplicated is the promise. */
export function faultTable(rows: FaultRow[]): string {
  const header = ['fault', 'events', 'in flight', 'lost', 'duplicated', 'recovered in'];
  const cells = rows.map((r) => [
    r.fault,
    r.accepted.toLocaleString('en-US'),
    r.inFlight === undefined ? '-' : r.inFlight.toLocaleString('en-US'),
    String(r.lost),
    String(r.duplicated),
    r.recoverMs === undefined ? '-' : `${(r.recoverMs / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((text, i) => pad(text, widths[i], i > 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The same rows as a Markdown table, for docs/faults.md. */
export function markdownFaultTable(rows: FaultRow[]): string {
  const lines = ['| fault | events | in flight | lost | duplicated | recovered in |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.fault} | ${r.accepted} | ${r.inFlight ?? '-'} | ${r.lost} | ${r.duplicated} | ${r.recoverMs === undefined ? '-' : `${(r.recoverMs / 1000).toFixed(1)} s`} |`);
  }
  return lines.join('\n');
}
