/**
 * Command-line options of `npm run bench`. Parsed by hand (no CLI library is a declared dependency).
 * Precedence: built-in defaults, then BENCH_* environment variables, then --quick, then flags.
 */
export interface BenchOptions {
  /** Events in the throughput comparison (section 1). */
  events: number;
  /** Sizes of the cost-as-work-grows runs (section 3), each against fresh databases. */
  sizes: number[];
  /** Offered rate (events/s) and duration of the latency run (section 2). */
  rate: number;
  seconds: number;
  /** Untimed events sent through each fresh stack (and the bare loop) before it is measured. */
  warmup: number;
  /** Runs of the platform and of the bare loop in section 1, alternated (same messages); their medians are compared. */
  runs: number;
  /** Give up waiting when no new event arrived on the wire for this long. */
  stallSeconds: number;
  /** Any size (and --events) above this is clamped to it. */
  maxEvents?: number;
  /** Where results.json, results.md and chart.svg go. */
  out: string;
  /** true: always build; false: never; undefined: build when dist is missing or older than the sources. */
  build?: boolean;
  /** The workspace whose built services are measured (default: this one). */
  workspace?: string;
  /** Shown above the table and in the chart, e.g. "after the runtime rewrite". */
  label?: string;
  quick: boolean;
}

export const USAGE = `usage: npm run bench -- [options]

  --events N          events in the platform-vs-bare throughput run      (default 10000, env BENCH_EVENTS)
  --sizes A,B,C       sizes of the cost-as-work-grows runs               (default 1000,10000,50000, env BENCH_SIZES)
  --rate R            offered rate of the latency run, events/s          (default 200, env BENCH_RATE)
  --seconds S         duration of the latency run                        (default 10, env BENCH_SECONDS)
  --warmup N          untimed events before each measured run            (default 200, env BENCH_WARMUP)
  --runs N            throughput runs of the platform and of the bare loop,
                      alternated; their medians are compared             (default 3, env BENCH_RUNS)
  --max-events N      clamp --events and every size to N                 (env BENCH_MAX_EVENTS)
  --stall-seconds S   give up when nothing new arrives for S seconds     (default 60, env BENCH_STALL_SECONDS)
  --quick             CI run: events 300, sizes 200,500, rate 100 for 3 s, warmup 50, 1 run of each,
                      results under .run/bench/quick unless --out is given
  --out DIR           results.json, results.md and chart.svg             (default docs/benchmarks)
  --label TEXT        what this run measures, shown with the figures     (env BENCH_LABEL)
  --build / --no-build  force / skip building registry and enrollment (default: when dist/ is
                      missing or older than apps/registry, apps/enrollment or libs/)
  --workspace DIR     measure the services built in another checkout of this repository (e.g. a
                      \`git archive\` of a commit with node_modules linked), env BENCH_WORKSPACE

Figures are never asserted: the run fails only when events are lost or duplicated on the wire or a
service does not start.`;

/** A quick run writes under .run/ (git-ignored) unless told otherwise: it must not replace the documented figures. */
const QUICK: Partial<BenchOptions> = { events: 300, sizes: [200, 500], rate: 100, seconds: 3, warmup: 50, runs: 1, out: '.run/bench/quick' };

function positiveInt(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function positiveNumber(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function sizeList(name: string, raw: string | undefined): number[] {
  const sizes = (raw ?? '').split(',').filter(Boolean).map((s) => positiveInt(name, s.trim()));
  if (sizes.length === 0) throw new Error(`${name} must list at least one size, e.g. 1000,10000`);
  return sizes;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const options: BenchOptions = { events: 10_000, sizes: [1_000, 10_000, 50_000], rate: 200, seconds: 10, warmup: 200, runs: 3, stallSeconds: 60, out: 'docs/benchmarks', quick: false };
  if (env.BENCH_EVENTS) options.events = positiveInt('BENCH_EVENTS', env.BENCH_EVENTS);
  if (env.BENCH_SIZES) options.sizes = sizeList('BENCH_SIZES', env.BENCH_SIZES);
  if (env.BENCH_RATE) options.rate = positiveNumber('BENCH_RATE', env.BENCH_RATE);
  if (env.BENCH_SECONDS) options.seconds = positiveNumber('BENCH_SECONDS', env.BENCH_SECONDS);
  if (env.BENCH_WARMUP) options.warmup = Number(env.BENCH_WARMUP) === 0 ? 0 : positiveInt('BENCH_WARMUP', env.BENCH_WARMUP);
  if (env.BENCH_MAX_EVENTS) options.maxEvents = positiveInt('BENCH_MAX_EVENTS', env.BENCH_MAX_EVENTS);
  if (env.BENCH_RUNS) options.runs = positiveInt('BENCH_RUNS', env.BENCH_RUNS);
  if (env.BENCH_LABEL) options.label = env.BENCH_LABEL;
  if (env.BENCH_WORKSPACE) options.workspace = env.BENCH_WORKSPACE;
  if (env.BENCH_STALL_SECONDS) options.stallSeconds = positiveNumber('BENCH_STALL_SECONDS', env.BENCH_STALL_SECONDS);

  // Split "--name=value" and "--name value"; --quick applies before the other flags, whatever the order.
  const flags: [string, string | undefined][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.push([arg.slice(2, eq), arg.slice(eq + 1)]);
    } else if (['quick', 'help', 'build', 'no-build'].includes(arg.slice(2))) {
      flags.push([arg.slice(2), undefined]);
    } else {
      flags.push([arg.slice(2), argv[++i]]);
    }
  }
  if (flags.some(([name]) => name === 'quick')) Object.assign(options, QUICK, { quick: true });

  for (const [name, value] of flags) {
    switch (name) {
      case 'help': return 'help';
      case 'quick': break;
      case 'events': options.events = positiveInt('--events', value); break;
      case 'sizes': options.sizes = sizeList('--sizes', value); break;
      case 'rate': options.rate = positiveNumber('--rate', value); break;
      case 'seconds': options.seconds = positiveNumber('--seconds', value); break;
      case 'warmup': options.warmup = value === '0' ? 0 : positiveInt('--warmup', value); break;
      case 'runs': options.runs = positiveInt('--runs', value); break;
      case 'max-events': options.maxEvents = positiveInt('--max-events', value); break;
      case 'stall-seconds': options.stallSeconds = positiveNumber('--stall-seconds', value); break;
      case 'out':
        if (!value) throw new Error('--out needs a directory');
        options.out = value;
        break;
      case 'workspace':
        if (!value) throw new Error('--workspace needs a directory');
        options.workspace = value;
        break;
      case 'label': options.label = value; break;
      case 'build': options.build = true; break;
      case 'no-build': options.build = false; break;
      default: throw new Error(`unknown option --${name}\n\n${USAGE}`);
    }
  }
  if (options.maxEvents) {
    const cap = options.maxEvents;
    options.events = Math.min(options.events, cap);
    options.sizes = [...new Set(options.sizes.map((s) => Math.min(s, cap)))];
  }
  options.sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
  return options;
}
