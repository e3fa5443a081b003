import { SERIOUSNESS_CRITERIA, type AdverseEventReport } from '@trialstream/contracts';
import { create } from 'xmlbuilder2';
import { E2B_OUTCOMES } from '../fhir/adverse-event';
import { nameBasedUuid } from '../fhir/uuids';
import { currentReport, type CaseVersions, type SafetyCase } from '../sources';
import { OBSERVATION_CODES, OIDS, SERIOUSNESS_OBSERVATIONS } from './ich-codes';

export interface IcsrInput {
  found: CaseVersions & Pick<SafetyCase, 'subjectId' | 'serious' | 'susar'>;
  /** The trial's registration number (NCT id) and title. */
  trial: { trialId: string; title: string };
  /** The investigational products, each a suspect drug (G.k). */
  products: string[];
  /** Who sends the message and who it is for (N.1.3/N.1.4, N.2.r.2/N.2.r.3). */
  senderId: string;
  receiverId: string;
  /** When the message is made (N.1.5, N.2.r.4, C.1.2). */
  createdAt: Date;
}

/** A case the ICSR cannot be made of: E2B(R3) asks for what the case does not hold. */
export class IcsrNotPossible extends Error {}

/** HL7 v3 TS: YYYYMMDDHHMMSS (UTC) for a moment, YYYYMMDD for a calendar date. */
const hl7Time = (at: Date) => at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
const hl7Date = (date: string) => date.replace(/-/g, '');

const code = (value: string, codeSystem: string, displayName?: string) => ({ '@code': value, '@codeSystem': codeSystem, ...(displayName ? { '@displayName': displayName } : {}) });
const observation = (observationCode: { code: string; displayName: string }, value: object) => ({
  '@typeCode': 'PERT',
  observation: { '@moodCode': 'EVN', '@classCode': 'OBS', code: code(observationCode.code, OIDS.observations, observationCode.displayName), value },
});

/** E.i: the reaction, coded in MedDRA, with its seriousness criteria (each true or "no information") and outcome. */
function reaction(report: AdverseEventReport, serious: boolean) {
  const criteria = SERIOUSNESS_CRITERIA.map((criterion) =>
    observation(SERIOUSNESS_OBSERVATIONS[criterion], report.seriousness.includes(criterion) ? { '@xsi:type': 'BL', '@value': 'true' } : { '@xsi:type': 'BL', '@nullFlavor': 'NI' }),
  );
  return {
    '@moodCode': 'EVN',
    '@classCode': 'OBS',
    id: { '@root': nameBasedUuid('reaction', report.caseId) },
    code: code(OBSERVATION_CODES.reaction, OIDS.observations, 'reaction'),
    effectiveTime: { '@xsi:type': 'IVL_TS', low: { '@value': hl7Date(report.onsetDate) } },
    // E.i.2.1b (MedDRA code) with E.i.1.1a (the term as reported) as its original text.
    value: { '@xsi:type': 'CE', '@code': report.meddraCode, '@codeSystem': OIDS.meddra, originalText: report.term },
    outboundRelationship2: [
      // E.i.3.1: the platform does not record whether the reporter highlighted the term: "not highlighted", serious (4) or not (2).
      observation({ code: OBSERVATION_CODES.termHighlightedByReporter, displayName: 'termHighlightedByReporter' }, { '@xsi:type': 'CE', ...code(serious ? '4' : '2', OIDS.termHighlighted) }),
      ...criteria,
      observation({ code: OBSERVATION_CODES.outcome, displayName: 'outcome' }, { '@xsi:type': 'CE', ...code(E2B_OUTCOMES[report.outcome].code, OIDS.outcome) }),
    ],
  };
}

/**
 * One adverse-event case as an ICH E2B(R3) ICSR: an HL7 v3 batch (MCCI_IN200100UV01) of one
 * message (PORR_IN049016UV) with the guide's minimum elements. The case's current version speaks;
 * its first version's awareness date is when the report was first received (C.1.4). A case
 * without a MedDRA code, or of a trial without an investigational product, cannot be sent.
 */
export function buildIcsr({ found, trial, products, senderId, receiverId, createdAt }: IcsrInput): string {
  const report = currentReport(found);
  if (!report.meddraCode) throw new IcsrNotPossible(`case ${found.caseId} has no MedDRA code for its reaction (E.i.2.1b), which an E2B(R3) report requires`);
  if (products.length === 0) throw new IcsrNotPossible(`the protocol known here names no investigational product, the suspect drug (G.k.2.2) an E2B(R3) report requires`);
  const first = found.versions.find((v) => v.version === 1)?.report ?? report;
  const safetyReportId = `${senderId}-${trial.trialId}-${found.caseId}`;
  const now = hl7Time(createdAt);
  const device = (root: string, extension: string) => ({ device: { '@classCode': 'DEV', '@determinerCode': 'INSTANCE', id: { '@extension': extension, '@root': root } } });
  const drugs = products.map((name) => ({ name, id: nameBasedUuid('drug', trial.trialId, name) }));

  const document = {
    MCCI_IN200100UV01: {
      '@xmlns': 'urn:hl7-org:v3',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@ITSVersion': 'XML_1.0',
      id: { '@extension': `${safetyReportId}-v${found.currentVersion}`, '@root': OIDS.batchId },
      creationTime: { '@value': now },
      responseModeCode: { '@code': 'D' },
      interactionId: { '@extension': 'MCCI_IN200100UV01', '@root': OIDS.hl7Interactions },
      name: code('1', OIDS.batchTypeOfMessages, 'ichicsr'),
      PORR_IN049016UV: {
        id: { '@extension': `${safetyReportId}-v${found.currentVersion}`, '@root': OIDS.messageId },
        creationTime: { '@value': now },
        interactionId: { '@extension': 'PORR_IN049016UV', '@root': OIDS.hl7Interactions },
        processingCode: { '@code': 'P' },
        processingModeCode: { '@code': 'T' },
        acceptAckCode: { '@code': 'AL' },
        receiver: { '@typeCode': 'RCV', ...device(OIDS.messageReceiver, receiverId) },
        sender: { '@typeCode': 'SND', ...device(OIDS.messageSender, senderId) },
        controlActProcess: {
          '@classCode': 'CACT',
          '@moodCode': 'EVN',
          code: code('PORR_TE049016UV', OIDS.hl7TriggerEvents),
          effectiveTime: { '@value': now },
          subject: {
            '@typeCode': 'SUBJ',
            investigationEvent: {
              '@classCode': 'INVSTG',
              '@moodCode': 'EVN',
              id: [
                { '@extension': safetyReportId, '@root': OIDS.messageId },
                { '@extension': safetyReportId, '@root': OIDS.worldwideCaseId },
              ],
              code: code('PAT_ADV_EVNT', OIDS.hl7ActCode),
              text: report.narrative,
              statusCode: { '@code': 'active' },
              effectiveTime: { low: { '@value': hl7Date(first.awareDate) } },
              availabilityTime: { '@value': hl7Date(report.awareDate) },
              component: [
                {
                  '@typeCode': 'COMP',
                  adverseEventAssessment: {
                    '@classCode': 'INVSTG',
                    '@moodCode': 'EVN',
                    subject1: {
                      '@typeCode': 'SBJ',
                      primaryRole: {
                        '@classCode': 'INVSBJ',
                        // D.1: the subject's pseudonymous id, never a name or initials.
                        player1: { '@classCode': 'PSN', '@determinerCode': 'INSTANCE', name: found.subjectId },
                        subjectOf1: {
                          '@typeCode': 'SBJ',
                          researchStudy: {
                            '@classCode': 'CLNTRL',
                            '@moodCode': 'EVN',
                            code: code('1', OIDS.studyType, 'clinical trials'),
                            title: trial.title,
                            authorization: {
                              '@typeCode': 'AUTH',
                              studyRegistration: { '@classCode': 'ACT', '@moodCode': 'EVN', id: { '@extension': trial.trialId, '@root': OIDS.studyRegistration } },
                            },
                          },
                        },
                        subjectOf2: [
                          { '@typeCode': 'SBJ', observation: reaction(report, found.serious) },
                          {
                            '@typeCode': 'SBJ',
                            organizer: {
                              '@classCode': 'CATEGORY',
                              '@moodCode': 'EVN',
                              code: code('4', OIDS.organizerCategories, 'drugInformation'),
                              component: drugs.map((drug) => ({
                                '@typeCode': 'COMP',
                                substanceAdministration: {
                                  '@classCode': 'SBADM',
                                  '@moodCode': 'EVN',
                                  id: { '@root': drug.id },
                                  consumable: {
                                    '@typeCode': 'CSM',
                                    instanceOfKind: { '@classCode': 'INST', kindOfProduct: { '@classCode': 'MMAT', '@determinerCode': 'KIND', name: drug.name } },
                                  },
                                },
                              })),
                            },
                          },
                        ],
                      },
                    },
                    component: drugs.map((drug) => ({
                      '@typeCode': 'COMP',
                      causalityAssessment: {
                        '@classCode': 'OBS',
                        '@moodCode': 'EVN',
                        code: code(OBSERVATION_CODES.interventionCharacterization, OIDS.observations, 'interventionCharacterization'),
                        value: { '@xsi:type': 'CE', ...code('1', OIDS.drugRole, 'suspect') },
                        subject2: { '@typeCode': 'SUBJ', productUseReference: { '@classCode': 'SBADM', '@moodCode': 'EVN', id: { '@root': drug.id } } },
                      },
                    })),
                  },
                },
                {
                  '@typeCode': 'COMP',
                  observationEvent: {
                    '@classCode': 'OBS',
                    '@moodCode': 'EVN',
                    code: code(OBSERVATION_CODES.localCriteriaForExpedited, OIDS.observations, 'localCriteriaForExpedited'),
                    value: { '@xsi:type': 'BL', '@value': String(found.susar) },
                  },
                },
              ],
              outboundRelationship: {
                '@typeCode': 'SPRT',
                relatedInvestigation: {
                  '@classCode': 'INVSTG',
                  '@moodCode': 'EVN',
                  code: code('2', OIDS.relatedInvestigations, 'sourceReport'),
                  subjectOf2: {
                    '@typeCode': 'SUBJ',
                    controlActEvent: {
                      '@classCode': 'CACT',
                      '@moodCode': 'EVN',
                      // C.2.r.4: the trial's reporter is its investigator, taken as a physician (1); the platform does not record a qualification.
                      author: { '@typeCode': 'AUT', assignedEntity: { '@classCode': 'ASSIGNED', asQualifiedEntity: { '@classCode': 'QUAL', code: code('1', OIDS.reporterQualification, 'physician') } } },
                    },
                  },
                },
              },
              subjectOf1: {
                '@typeCode': 'SUBJ',
                controlActEvent: {
                  '@classCode': 'CACT',
                  '@moodCode': 'EVN',
                  // C.3.1: the sender is the trial's sponsor, a pharmaceutical company (1).
                  author: { '@typeCode': 'AUT', assignedEntity: { '@classCode': 'ASSIGNED', code: code('1', OIDS.senderType, 'pharmaceutical company') } },
                },
              },
              subjectOf2: {
                '@typeCode': 'SUBJ',
                investigationCharacteristic: {
                  '@classCode': 'OBS',
                  '@moodCode': 'EVN',
                  code: code('1', OIDS.investigationCharacteristics, 'ichReportType'),
                  value: { '@xsi:type': 'CE', ...code('2', OIDS.reportType, 'report from study') },
                },
              },
            },
          },
        },
      },
      receiver: { '@typeCode': 'RCV', ...device(OIDS.batchReceiver, receiverId) },
      sender: { '@typeCode': 'SND', ...device(OIDS.batchSender, senderId) },
    },
  };
  return create({ version: '1.0', encoding: 'UTF-8' }).ele(document).end({ prettyPrint: true });
}
