import { writeFileSync } from 'node:fs';
import { collectTrialBundle } from '@trialstream/exports';
import type { Argv, CommandModule } from 'yargs';
import { serviceOptions, ServiceClient, type ServiceArgs } from '../services';

interface ExportArgs extends ServiceArgs {
  trial: string;
  out?: string;
}

interface CaseExportArgs extends ExportArgs {
  case: string;
}

/** Writes to --out, or to standard output. */
function deliver(document: string, out?: string): void {
  if (out) writeFileSync(out, document);
  else process.stdout.write(document);
}

const common = (yargs: Argv) =>
  yargs
    .option('trial', { type: 'string', demandOption: true, describe: 'Trial id, e.g. NCT02491658' })
    .option('out', { type: 'string', describe: 'File to write (default: standard output)' })
    .options(serviceOptions);

const fhirCommand: CommandModule<object, ExportArgs> = {
  command: 'fhir',
  describe: "The trial as a FHIR R5 Bundle (ResearchStudy, ResearchSubjects with their progress, AdverseEvents, pseudonymous Patients and Practitioners)",
  builder: (yargs) =>
    common(yargs)
      .epilogue('The token needs a role that reads every record: data-manager, safety-monitor or dsmb. Check the file with infra/fhir-validator/validate.sh.\n')
      .example('TRIALSTREAM_TOKEN=$(npm run -s token -- --role data-manager) $0 export fhir --trial NCT02491658 --out trial.fhir.json', ''),
  handler: async (args) => {
    const bundle = await collectTrialBundle(new ServiceClient(args), args.trial);
    deliver(`${JSON.stringify(bundle, null, 2)}\n`, args.out);
  },
};

const e2bCommand: CommandModule<object, CaseExportArgs> = {
  command: 'e2b',
  describe: 'An adverse-event case as an ICH E2B(R3) ICSR message (XML), as the safety service builds it',
  builder: (yargs) => common(yargs).option('case', { type: 'string', demandOption: true, describe: 'Case id' }),
  handler: async (args) => {
    const path = `/trials/${encodeURIComponent(args.trial)}/cases/${encodeURIComponent(args.case)}/e2b`;
    deliver(await new ServiceClient(args).getText('safety', path, 'application/xml'), args.out);
  },
};

export const exportCommand: CommandModule = {
  command: 'export <format>',
  describe: "A trial's data for other systems: fhir (FHIR R5 Bundle) or e2b (a case as an E2B(R3) ICSR)",
  builder: (yargs) => yargs.command(fhirCommand as CommandModule).command(e2bCommand as CommandModule).demandCommand(1, 'say which format: fhir or e2b'),
  handler: () => undefined,
};
