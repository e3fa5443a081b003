import type { CommandModule } from 'yargs';
import { serviceOptions, ServiceClient, ServiceRefusal, type ServiceArgs } from '../services';
import {
  subjectTimeline, timelineLine,
  type AdverseEventCase, type AssessmentRecord, type Baseline, type DosingHold, type FollowUpVisit, type InfusionRecord, type SafetyAlert, type SubjectRecord,
} from '../timeline';

interface TimelineArgs extends ServiceArgs {
  trial: string;
  subject: string;
  json: boolean;
}

export const timelineCommand: CommandModule<object, TimelineArgs> = {
  command: 'timeline',
  describe: "A subject's timeline across the services, in time order: screening, consent, enrollment, infusions and deviations, assessments, follow-up visits, adverse-event cases, holds, alerts",
  builder: (yargs) =>
    yargs
      .option('trial', { type: 'string', demandOption: true, describe: 'Trial id, e.g. NCT02491658' })
      .option('subject', { type: 'string', demandOption: true, describe: 'Subject id' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the entries as a JSON array' })
      .options(serviceOptions)
      .epilogue('The token needs a role that reads every record and alert: data-manager, safety-monitor or dsmb.\n')
      .example('TRIALSTREAM_TOKEN=$(npm run -s token -- --role data-manager) $0 timeline --trial NCT02491658 --subject S-001', ''),
  handler: async (args) => {
    const api = new ServiceClient(args);
    const subjectPath = `/trials/${encodeURIComponent(args.trial)}/subjects/${encodeURIComponent(args.subject)}`;
    const trialPath = `/trials/${encodeURIComponent(args.trial)}`;
    const ofSubject = `subjectId=${encodeURIComponent(args.subject)}`;
    const [subject, infusions, assessments, followUpVisits, cases, holds, alerts] = await Promise.all([
      api.get<SubjectRecord>('enrollment', subjectPath),
      api.get<InfusionRecord[]>('infusion-tracking', `${subjectPath}/infusions`),
      notEnrolledAsNone(api.get<{ baseline: Baseline; assessments: AssessmentRecord[] }>('infusion-tracking', `${subjectPath}/assessments`)),
      api.get<FollowUpVisit[]>('infusion-tracking', `${subjectPath}/follow-up-visits`),
      api.getAll<AdverseEventCase>('safety', `${trialPath}/cases?${ofSubject}`),
      api.getAll<DosingHold>('safety', `${trialPath}/dosing-holds?${ofSubject}`),
      api.getAll<SafetyAlert>('safety', `${trialPath}/alerts?${ofSubject}`),
    ]);
    const entries = subjectTimeline({ subject, infusions, baseline: assessments?.baseline ?? null, assessments: assessments?.assessments ?? [], followUpVisits, cases, holds, alerts });
    process.stdout.write(args.json ? `${JSON.stringify(entries, null, 2)}\n` : entries.map((e) => `${timelineLine(e)}\n`).join(''));
  },
};

/** Infusion tracking knows a subject's assessments only once they are enrolled; before that it answers 404. */
async function notEnrolledAsNone<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ServiceRefusal && error.status === 404) return undefined;
    throw error;
  }
}
