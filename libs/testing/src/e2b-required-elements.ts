import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';

/**
 * The minimum elements of an ICH E2B(R3) ICSR (implementation guide numbers) and where the HL7 v3
 * message carries them. The ICH schema is not reachable from this workplace, so this list, checked
 * element by element, stands in for it: it checks presence and codes, not the schema's full grammar.
 */
const ICH = '2.16.840.1.113883.3.989.2.1';
const BATCH = '/h:MCCI_IN200100UV01';
const MESSAGE = `${BATCH}/h:PORR_IN049016UV`;
const CASE = `${MESSAGE}/h:controlActProcess/h:subject/h:investigationEvent`;
const PATIENT = `${CASE}/h:component/h:adverseEventAssessment/h:subject1/h:primaryRole`;
const REACTION = `${PATIENT}/h:subjectOf2/h:observation[h:code/@code='29' and h:code/@codeSystem='${ICH}.1.19']`;
const reactionObservation = (code: string) => `${REACTION}/h:outboundRelationship2/h:observation[h:code/@code='${code}' and h:code/@codeSystem='${ICH}.1.19']/h:value`;

export const ICSR_REQUIRED_ELEMENTS: Record<string, string> = {
  'N.1.1 type of messages in batch': `${BATCH}/h:name[@code='1' and @codeSystem='${ICH}.1.1']`,
  'N.1.2 batch number': `${BATCH}/h:id[@root='${ICH}.3.22' and string(@extension)]`,
  'N.1.3 batch sender identifier': `${BATCH}/h:sender/h:device/h:id[@root='${ICH}.3.13' and string(@extension)]`,
  'N.1.4 batch receiver identifier': `${BATCH}/h:receiver/h:device/h:id[@root='${ICH}.3.14' and string(@extension)]`,
  'N.1.5 date of batch transmission': `${BATCH}/h:creationTime[string-length(@value) >= 14]`,
  'N.2.r.1 message identifier': `${MESSAGE}/h:id[@root='${ICH}.3.1' and string(@extension)]`,
  'N.2.r.2 message sender identifier': `${MESSAGE}/h:sender/h:device/h:id[@root='${ICH}.3.11' and string(@extension)]`,
  'N.2.r.3 message receiver identifier': `${MESSAGE}/h:receiver/h:device/h:id[@root='${ICH}.3.12' and string(@extension)]`,
  'N.2.r.4 date of message creation': `${MESSAGE}/h:creationTime[string-length(@value) >= 14]`,
  "C.1.1 sender's safety report unique identifier": `${CASE}/h:id[@root='${ICH}.3.1' and string(@extension)]`,
  'C.1.2 date of creation': `${MESSAGE}/h:controlActProcess/h:effectiveTime[string-length(@value) >= 14]`,
  'C.1.3 type of report': `${CASE}/h:subjectOf2/h:investigationCharacteristic[h:code/@code='1' and h:code/@codeSystem='${ICH}.1.23']/h:value[@codeSystem='${ICH}.1.2' and @code]`,
  'C.1.4 date report was first received from source': `${CASE}/h:effectiveTime/h:low[string-length(@value) >= 8]`,
  'C.1.5 date of most recent information': `${CASE}/h:availabilityTime[string-length(@value) >= 8]`,
  'C.1.7 fulfil local criteria for an expedited report': `${CASE}/h:component/h:observationEvent[h:code/@code='23' and h:code/@codeSystem='${ICH}.1.19']/h:value[@value='true' or @value='false']`,
  'C.1.8.1 worldwide unique case identification number': `${CASE}/h:id[@root='${ICH}.3.2' and string(@extension)]`,
  'C.2.r.4 qualification': `${CASE}/h:outboundRelationship[@typeCode='SPRT']/h:relatedInvestigation/h:subjectOf2/h:controlActEvent/h:author/h:assignedEntity/h:asQualifiedEntity/h:code[@codeSystem='${ICH}.1.6' and @code]`,
  'C.3.1 sender type': `${CASE}/h:subjectOf1/h:controlActEvent/h:author/h:assignedEntity/h:code[@codeSystem='${ICH}.1.7' and @code]`,
  'C.5.1.r.1 study registration number': `${PATIENT}/h:subjectOf1/h:researchStudy/h:authorization/h:studyRegistration/h:id[@root='${ICH}.3.6' and string(@extension)]`,
  'C.5.2 study name': `${PATIENT}/h:subjectOf1/h:researchStudy/h:title[string()]`,
  'C.5.4 study type where reaction(s)/event(s) were observed': `${PATIENT}/h:subjectOf1/h:researchStudy/h:code[@codeSystem='${ICH}.1.8' and @code]`,
  'D.1 patient (name or initials)': `${PATIENT}/h:player1/h:name[string()]`,
  'E.i.1.1a reaction/event as reported by the primary source': `${REACTION}/h:value/h:originalText[string()]`,
  'E.i.2.1b reaction/event (MedDRA code)': `${REACTION}/h:value[@codeSystem='2.16.840.1.113883.6.163' and string-length(@code) = 8]`,
  'E.i.3.1 term highlighted by the reporter': `${reactionObservation('37')}[@codeSystem='${ICH}.1.10' and @code]`,
  'E.i.3.2a results in death': `${reactionObservation('34')}[@value or @nullFlavor]`,
  'E.i.3.2b life threatening': `${reactionObservation('21')}[@value or @nullFlavor]`,
  'E.i.3.2c caused / prolonged hospitalisation': `${reactionObservation('33')}[@value or @nullFlavor]`,
  'E.i.3.2d disabling / incapacitating': `${reactionObservation('35')}[@value or @nullFlavor]`,
  'E.i.3.2e congenital anomaly / birth defect': `${reactionObservation('12')}[@value or @nullFlavor]`,
  'E.i.3.2f other medically important condition': `${reactionObservation('26')}[@value or @nullFlavor]`,
  'E.i.7 outcome of reaction/event at the time of last observation': `${reactionObservation('27')}[@codeSystem='${ICH}.1.11' and @code]`,
  'G.k.1 characterisation of drug role': `${CASE}/h:component/h:adverseEventAssessment/h:component/h:causalityAssessment[h:code/@code='20']/h:value[@codeSystem='${ICH}.1.13' and @code]`,
  'G.k.2.2 medicinal product name as reported by the primary source': `${PATIENT}/h:subjectOf2/h:organizer[h:code/@code='4']/h:component/h:substanceAdministration/h:consumable/h:instanceOfKind/h:kindOfProduct/h:name[string()]`,
  'H.1 case narrative': `${CASE}/h:text[string()]`,
};

/** The required elements an ICSR lacks (their guide numbers); none for a complete one. */
export function missingIcsrElements(xml: string): string[] {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const select = xpath.useNamespaces({ h: 'urn:hl7-org:v3' });
  return Object.entries(ICSR_REQUIRED_ELEMENTS)
    .filter(([, path]) => (select(path, document as unknown as Node) as Node[]).length === 0)
    .map(([element]) => element);
}
