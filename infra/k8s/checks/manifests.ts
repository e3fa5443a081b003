import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from a manifest file, with the file it came from. */
export interface Manifest {
  file: string;
  object: KubernetesObject;
}

/** A YAML tree, walked by path; its shape is what the schemas check. */
export type Tree = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: Tree;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

// The kinds this project deploys, each with the model generated from the Kubernetes API's OpenAPI
// schemas (kubernetes-models); a kind added to the manifests must be added here to be checked.
const MODELS: Record<string, new (data: Tree) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

// Settings that carry credentials: given by reference to a Secret, never as a literal value.
const CREDENTIAL_SETTING = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY|DATABASE(_RUNTIME)?_URL|SASL/;

/** Every object of the resources a kustomization lists, in order. */
export function readKustomization(dir: string): Manifest[] {
  const kustomization = parseOne(join(dir, 'kustomization.yaml'));
  const resources: string[] = kustomization.resources ?? [];
  return resources.flatMap((file) => readManifests(join(dir, file)));
}

export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null)
    .map((object) => ({ file, object }));
}

function parseOne(file: string): Tree {
  return readManifests(file)[0]?.object ?? {};
}

/** What is wrong with a set of manifests: their API schemas first, then this project's deployment rules. */
export function manifestProblems(manifests: Manifest[]): string[] {
  return [...manifests.flatMap(schemaProblems), ...deploymentRuleProblems(manifests)];
}

export function schemaProblems({ file, object }: Manifest): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const Model = MODELS[key];
  if (!Model) return [`${where(file, object)}: no Kubernetes schema known for ${key}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${where(file, object)}: ${(error as Error).message}`];
  }
}

/**
 * Probes, resources, non-root, credentials by reference, and a disruption budget wherever a
 * Deployment runs more than one replica (several instances are safe: one relay holds the outbox
 * lock per service, timers are claimed with SKIP LOCKED).
 */
export function deploymentRuleProblems(manifests: Manifest[]): string[] {
  const objects = manifests.map((m) => m.object);
  const problems: string[] = [];
  for (const { file, object } of manifests) {
    const at = where(file, object);
    if (object.kind === 'Secret') problems.push(`${at}: secrets are created in the cluster and referenced, not kept in manifests`);
    if (object.kind === 'ConfigMap') {
      for (const name of Object.keys(object.data ?? {}).filter((n) => CREDENTIAL_SETTING.test(n))) {
        problems.push(`${at}: ${name} is a credential; reference it from a Secret instead of a ConfigMap`);
      }
    }
    if (object.kind !== 'Deployment') continue;
    const pod = object.spec?.template?.spec ?? {};
    for (const container of pod.containers ?? []) {
      const c = `${at} container ${container.name}`;
      if (!container.readinessProbe) problems.push(`${c}: readinessProbe is required`);
      if (!container.livenessProbe) problems.push(`${c}: livenessProbe is required`);
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[kind]?.[resource]) problems.push(`${c}: resources.${kind}.${resource} is required`);
        }
      }
      if (!(container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) problems.push(`${c}: runAsNonRoot must be true`);
      for (const env of container.env ?? []) {
        if (CREDENTIAL_SETTING.test(env.name) && env.value !== undefined) problems.push(`${c}: ${env.name} is a credential; use valueFrom.secretKeyRef`);
      }
    }
    if ((object.spec?.replicas ?? 1) > 1 && !objects.some((o) => budgetCovers(o, object))) {
      problems.push(`${at}: ${object.spec.replicas} replicas need a PodDisruptionBudget selecting its pods`);
    }
  }
  return problems;
}

function budgetCovers(budget: KubernetesObject, deployment: KubernetesObject): boolean {
  if (budget.kind !== 'PodDisruptionBudget') return false;
  const selector: Record<string, string> = budget.spec?.selector?.matchLabels ?? {};
  const labels: Record<string, string> = deployment.spec?.template?.metadata?.labels ?? {};
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function where(file: string, object: KubernetesObject): string {
  return `${file.split('/').pop()} ${object.kind ?? '?'} ${object.metadata?.name ?? '?'}`;
}
