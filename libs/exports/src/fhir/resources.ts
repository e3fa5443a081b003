/** The FHIR R5 shapes the export writes, only as far as it writes them. */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Identifier {
  system: string;
  value: string;
}
export interface Reference {
  reference: string;
}
export interface Resource {
  resourceType: string;
  [element: string]: unknown;
}
export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
}
export interface Bundle extends Resource {
  resourceType: 'Bundle';
  type: 'collection';
  entry: BundleEntry[];
}

export const coded = (system: string, code: string, display?: string): CodeableConcept => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });
export const referenceTo = (fullUrl: string): Reference => ({ reference: fullUrl });
