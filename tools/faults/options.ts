/** Command-line options of npm run faults; pure, so the parsing is tested. */

export interface FaultOptions {
  quick: boolean;
  /** Subjects per phase: each phase's screenings are about 1.05 times this (re-screens), plus copies and poison. */
  subjectsPerPhase: number;
  brokerPort: number;
  controllerPort: number;
  httpPortBase: number;
  /** The run on a three-broker cluster of its own (infra/kafka/cluster.sh): the broker fault kills one of three. */
  cluster: boolean;
  /** The cluster's brokers each in a network namespace of its own (root only), and a phase that cuts one off. */
  netns: boolean;
  /** Runs on a PostgreSQL server of its own on this port and adds a phase that crashes it (0: the shared server, no such phase). */
  postgresRestartPort: number;
  /** Only these phases, by name, in the run's order (default: all). */
  phases?: string[];
  out?: string;
}

export const USAGE = `npm run faults -- [--quick] [--subjects N] [--cluster [--netns]] [--postgres-restart] [--broker-port P] [--controller-port P] [--http-port-base P] [--phases A,B] [--out DIR]

Starts a Kafka broker of its own and the four built services (npx nx run-many -t build first), sends
sponsor traffic through the ingress topic with one fault per phase, checks the invariants over every
database and topic, prints the table and writes results.json and results.md (default .run/faults/<run>/;
a full run also to docs/faults/). Exits 1 if anything was lost or duplicated or an invariant broke.
  --quick            about 1,000 events (CI); the full run sends more than 10,000
  --subjects N       subjects per phase (default 1,650; 150 with --quick)
  --broker-port P    the run's own broker (default 9392; controller 9393)
  --cluster          on a three-broker cluster of its own (brokers 29092-29094, controllers 29192-29194
                     unless --broker-port/--controller-port say otherwise); the broker fault SIGKILLs one
  --netns            with --cluster: each broker in a network namespace of its own (cluster.sh --netns,
                     root only), and a phase that cuts broker 2 off from the others and every client
  --http-port-base P first HTTP port of the services (default 3600)
  --phases A,B       only these phases (and the baseline, always first), in the run's usual order;
                     names as the run's log prints them after "phase", e.g. broker,overlap
  --postgres-restart databases on a PostgreSQL server of the run's own (port 5532, data in a
                     directory of its own under the temporary directory; root only), and a phase
                     that crashes it and starts it again`;

export function parseFaultOptions(argv: string[]): FaultOptions | 'help' {
  const options: FaultOptions = { quick: false, subjectsPerPhase: 0, brokerPort: 9392, controllerPort: 9393, httpPortBase: 3600, cluster: false, netns: false, postgresRestartPort: 0 };
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number, not ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--quick') options.quick = true;
    else if (flag === '--cluster') options.cluster = true;
    else if (flag === '--netns') options.netns = true;
    else if (flag === '--postgres-restart') options.postgresRestartPort = 5532;
    else if (flag === '--subjects') options.subjectsPerPhase = number(flag, argv[++i]);
    else if (flag === '--broker-port') options.brokerPort = number(flag, argv[++i]);
    else if (flag === '--controller-port') options.controllerPort = number(flag, argv[++i]);
    else if (flag === '--http-port-base') options.httpPortBase = number(flag, argv[++i]);
    else if (flag === '--phases') {
      options.phases = (argv[++i] ?? '').split(',').filter(Boolean);
      if (options.phases.length === 0) throw new Error('--phases needs phase names, e.g. broker,overlap');
    }
    else if (flag === '--out') {
      options.out = argv[++i];
      if (!options.out) throw new Error('--out needs a directory');
    } else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (options.netns && !options.cluster) throw new Error('--netns applies to the three-broker cluster: add --cluster');
  options.subjectsPerPhase ||= options.quick ? 150 : 1_650;
  if (options.cluster && !argv.includes('--broker-port')) options.brokerPort = 29092;
  if (options.cluster && !argv.includes('--controller-port')) options.controllerPort = 29192;
  return options;
}
