/** The benchmark's results: their shape, the printed table, the Markdown table and the SVG chart. */

export interface Run {
  events: number;
  /** From the load generator's first send to the arrival of the last expected event at the watcher. */
  seconds: number;
  eventsPerSecond: number;
  /** Same, ending at the latest Kafka record timestamp of the expected events instead of their arrival. */
  wireSeconds: number;
  /** How long the load generator took to put the input on the broker. */
  produceSeconds: number;
  /**
   * ms per event over the first half of the arrivals (from the first send, so with the pipeline's
   * fill) and over the second half: does the work get dearer as the run goes on?
   */
  firstHalfMsPerEvent: number;
  secondHalfMsPerEvent: number;
  outcome: 'complete' | 'stalled' | 'timed out' | 'stopped';
  missing: number;
  surplus: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export interface Results {
  benchmark: string;
  label: string;
  measuredAt: string;
  commit: string;
  dirty: boolean;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  options: Record<string, unknown>;
  services: { started: string[]; env: Record<string, string>; note: string };
  throughput?: {
    events: number;
    partitions: number;
    /** The median of `runs` runs through the platform, each with new subjects; every run in platformRuns. */
    platform: Run;
    platformRuns: Run[];
    /** The median of as many bare-loop runs (each on its own topics, same messages), alternated with the platform's. */
    bare: Run;
    bareRuns: Run[];
    ratio: number;
    target: number;
    meetsTarget: boolean;
  };
  latency?: {
    offeredRate: number;
    seconds: number;
    sent: number;
    achievedRate: number;
    /** Arrival at the watcher minus the load generator's send time, ms. */
    received: Percentiles;
    /** Kafka record timestamp of the SubjectScreened minus the send time, ms. */
    wire: Percentiles;
    target: { p99Ms: number };
    meetsTarget: boolean;
    missing: number;
    surplus: number;
  };
  /**
   * msPerEvent = seconds * 1000 / events of each run; growthPercent compares the largest size with the
   * smallest; largestRunDriftPercent compares the second half of the largest run with its first half.
   */
  scaling?: {
    runs: (Run & { size: number; msPerEvent: number })[];
    growthPercent: number;
    largestRunDriftPercent: number;
    targetPercent: number;
    meetsTarget: boolean;
  };
  /** Lateness after the due time: when each timer fired, and when its event was on the wire. */
  timers: { status: string; note: string; count?: number; windowMs?: number; fired?: Percentiles; onWire?: Percentiles; missing?: number; doubled?: number; targetP99Ms?: number; meetsTarget?: boolean };
  problems: string[];
  durationSeconds: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1], mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const lossNote = (r: { missing: number; surplus: number }) =>
  r.missing || r.surplus ? ` [${r.missing} missing, ${r.surplus} surplus]` : '';

type Row = [section: string, measure: string, value: string, target: string, met: string];

const medianOf = (runs: Run[]) => (runs.length > 1 ? `, median of ${runs.length}` : '');

function rows(r: Results): Row[] {
  const out: Row[] = [];
  if (r.throughput) {
    const t = r.throughput;
    out.push(
      [`1 throughput, ${int(t.events)} events`, `platform (registry + enrollment)${medianOf(t.platformRuns)}`, `${int(t.platform.eventsPerSecond)} ev/s${lossNote(t.platform)}`, '', ''],
      ['', `bare kafkajs eachBatch loop${medianOf(t.bareRuns)}`, `${int(t.bare.eventsPerSecond)} ev/s${lossNote(t.bare)}`, '', ''],
      ['', 'ratio platform / bare', fixed(t.ratio, 3), `>= ${t.target}`, yesNo(t.meetsTarget)],
    );
  } else {
    out.push(['1 throughput', 'not run', '', '', '']);
  }
  if (r.latency) {
    const l = r.latency;
    const trio = (p: Percentiles) => `${fixed(p.p50, 0)} / ${fixed(p.p99, 0)} / ${fixed(p.max, 0)} ms`;
    out.push(
      [`2 latency, ${l.offeredRate} ev/s for ${l.seconds} s`, 'p50 / p99 / max, send to arrival', `${trio(l.received)}${lossNote(l)}`, `p99 <= ${l.target.p99Ms} ms`, yesNo(l.meetsTarget)],
      ['', 'p50 / p99 / max, send to record timestamp', trio(l.wire), '', ''],
    );
  } else {
    out.push(['2 latency', 'not run', '', '', '']);
  }
  if (r.scaling) {
    const s = r.scaling;
    s.runs.forEach((run, i) =>
      out.push([
        i === 0 ? '3 cost as work grows' : '',
        `${int(run.size)} events, fresh databases`,
        `${fixed(run.msPerEvent, 2)} ms/event, ${int(run.eventsPerSecond)} ev/s (halves ${fixed(run.firstHalfMsPerEvent, 2)} / ${fixed(run.secondHalfMsPerEvent, 2)})${lossNote(run)}`,
        '',
        '',
      ]),
    );
    const first = s.runs[0];
    const last = s.runs[s.runs.length - 1];
    const signed = (n: number) => `${n >= 0 ? '+' : ''}${fixed(n, 1)} %`;
    out.push(
      ['', `time per event, ${int(first.size)} -> ${int(last.size)}`, signed(s.growthPercent), `at most +${s.targetPercent} %`, yesNo(s.meetsTarget)],
      ['', `within the ${int(last.size)} run, 2nd half vs 1st`, signed(s.largestRunDriftPercent), '', ''],
    );
  } else {
    out.push(['3 cost as work grows', 'not run', '', '', '']);
  }
  const t = r.timers;
  if (t.fired && t.onWire && t.count !== undefined) {
    const trio = (p: Percentiles) => `${fixed(p.p50, 0)} / ${fixed(p.p99, 0)} / ${fixed(p.max, 0)} ms`;
    const lost = t.missing ? ` (${int(t.missing)} missing)` : '';
    out.push(
      [`4 timer lateness, ${int(t.count)} pending, due over ${fixed((t.windowMs ?? 0) / 1000, 0)} s`, 'p50 / p99 / max, fired after due', trio(t.fired), `p99 <= ${t.targetP99Ms} ms`, yesNo(t.meetsTarget ?? false)],
      ['', 'p50 / p99 / max, on the wire after due', `${trio(t.onWire)}${lost}`, '', ''],
    );
  } else {
    out.push(['4 timer lateness', 'durable timers', t.status, '', '']);
  }
  return out;
}

const HEAD: Row = ['section', 'measure', 'value', 'target', 'met'];

export function textTable(r: Results): string {
  const all = [HEAD, ...rows(r)];
  const widths = HEAD.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: Row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    `Trialstream benchmark, ${r.measuredAt}, commit ${r.commit}${r.dirty ? ' (uncommitted changes)' : ''}, ${r.machine.cpus} cpus, node ${r.machine.node}`,
    r.label,
    '',
    line(HEAD),
    rule,
    ...rows(r).map(line),
  ].join('\n');
}

export function markdownTable(r: Results): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `| ${HEAD.map(() => '---').join(' | ')} |`,
    ...rows(r).map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The chart: three small bar panels, hand-built SVG (no charting dependency).

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Bar {
  label: string;
  value: number;
  text: string;
  color: string;
}

function panel(x: number, title: string, subtitle: string, bars: Bar[], target?: { value: number; label: string }, band?: { from: number; to: number; label: string }): string {
  const width = 280;
  const top = 78;
  const plotHeight = 162;
  const baseline = top + plotHeight;
  const finite = bars.map((b) => b.value).filter(Number.isFinite);
  const max = Math.max(1e-9, ...finite, target?.value ?? 0, band?.to ?? 0) * 1.15;
  const y = (v: number) => baseline - (Math.max(0, v) / max) * plotHeight;
  const slot = (width - 40) / Math.max(1, bars.length);
  const barWidth = Math.min(60, slot * 0.6);
  const parts: string[] = [
    `<text x="${x + width / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${x + width / 2}" y="42" text-anchor="middle" font-size="11" fill="#555">${esc(subtitle)}</text>`,
    `<line x1="${x + 20}" y1="${baseline}" x2="${x + width - 20}" y2="${baseline}" stroke="#333"/>`,
  ];
  if (band) {
    parts.push(
      `<rect x="${x + 20}" y="${y(band.to)}" width="${width - 40}" height="${y(band.from) - y(band.to)}" fill="#2e7d32" fill-opacity="0.12"/>`,
      `<rect x="${x + 40}" y="52" width="14" height="8" fill="#2e7d32" fill-opacity="0.25"/>`,
      `<text x="${x + 58}" y="60" font-size="10" fill="#2e7d32">${esc(band.label)}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const cx = x + 20 + slot * (i + 0.5);
    const h = Number.isFinite(bar.value) ? baseline - y(bar.value) : 0;
    parts.push(
      `<rect x="${cx - barWidth / 2}" y="${baseline - h}" width="${barWidth}" height="${Math.max(h, 0.5)}" fill="${bar.color}"/>`,
      `<text x="${cx}" y="${baseline - h - 5}" text-anchor="middle" font-size="11">${esc(bar.text)}</text>`,
      `<text x="${cx}" y="${baseline + 15}" text-anchor="middle" font-size="11">${esc(bar.label)}</text>`,
    );
  });
  if (target) {
    parts.push(
      `<line x1="${x + 20}" y1="${y(target.value)}" x2="${x + width - 20}" y2="${y(target.value)}" stroke="#c62828" stroke-dasharray="5 3"/>`,
      `<line x1="${x + 40}" y1="56" x2="${x + 54}" y2="56" stroke="#c62828" stroke-dasharray="5 3"/>`,
      `<text x="${x + 58}" y="60" font-size="10" fill="#c62828">${esc(target.label)}</text>`,
    );
  }
  return parts.join('\n  ');
}

export function chartSvg(r: Results): string {
  const panels: string[] = [];
  const blue = '#1565c0';
  const grey = '#90a4ae';
  if (r.throughput) {
    const t = r.throughput;
    panels.push(
      panel(
        0,
        'Throughput: platform / bare loop',
        `${int(t.platform.eventsPerSecond)} vs ${int(t.bare.eventsPerSecond)} ev/s, ${int(t.events)} events`,
        [{ label: 'ratio', value: t.ratio, text: fixed(t.ratio, 3), color: blue }],
        { value: t.target, label: `target >= ${t.target}` },
      ),
    );
  }
  if (r.latency) {
    const l = r.latency;
    panels.push(
      panel(
        300,
        'Latency, ingress to SubjectScreened',
        `${l.offeredRate} ev/s for ${l.seconds} s (send to arrival, ms)`,
        [
          { label: 'p50', value: l.received.p50, text: fixed(l.received.p50, 0), color: blue },
          { label: 'p99', value: l.received.p99, text: fixed(l.received.p99, 0), color: blue },
          { label: 'max', value: l.received.max, text: fixed(l.received.max, 0), color: grey },
        ],
        { value: l.target.p99Ms, label: `target p99 <= ${l.target.p99Ms} ms` },
      ),
    );
  }
  if (r.scaling && r.scaling.runs.length > 0) {
    const s = r.scaling;
    const first = s.runs[0].msPerEvent;
    panels.push(
      panel(
        600,
        'Time per event as work grows',
        'ms/event end to end, fresh databases per size',
        s.runs.map((run) => ({ label: `${int(run.size)}`, value: run.msPerEvent, text: fixed(run.msPerEvent, 2), color: blue })),
        undefined,
        Number.isFinite(first) ? { from: 0, to: first * (1 + s.targetPercent / 100), label: `allowed: up to smallest size +${s.targetPercent} %` } : undefined,
      ),
    );
  }
  const footer = `${r.label} · ${r.measuredAt} · commit ${r.commit}${r.dirty ? '+' : ''} · ${r.machine.cpus} cpus · timer lateness: ${r.timers.status}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="290" viewBox="0 0 900 290" font-family="Helvetica, Arial, sans-serif">
  <rect width="900" height="290" fill="#fff"/>
  ${panels.join('\n  ')}
  <text x="450" y="280" text-anchor="middle" font-size="10" fill="#555">${esc(footer)}</text>
</svg>
`;
}
