import { join } from 'node:path';
import { manifestProblems, readKustomization, type Manifest, type Tree } from './manifests';

const manifests = readKustomization(join(__dirname, '..'));

/** The shipped manifests with one object changed (a deep copy, the rest untouched). */
function withChange(kind: string, name: string, change: (object: Tree) => void): Manifest[] {
  return manifests.map((m) => {
    if (m.object.kind !== kind || m.object.metadata?.name !== name) return m;
    const object = structuredClone(m.object);
    change(object);
    return { ...m, object };
  });
}

const safetyContainer = (deployment: Tree) => deployment.spec.template.spec.containers[0];

describe('the Kubernetes manifests', () => {
  it('lists every service with its deployment, service and disruption budget', () => {
    const kinds = manifests.map((m) => `${m.object.kind}/${m.object.metadata?.name}`);
    for (const service of ['registry', 'enrollment', 'infusion-tracking', 'safety']) {
      expect(kinds).toEqual(expect.arrayContaining([`Deployment/${service}`, `Service/${service}`, `PodDisruptionBudget/${service}`]));
    }
  });

  it('validate against the Kubernetes API schemas and follow the deployment rules', () => {
    expect(manifestProblems(manifests)).toEqual([]);
  });

  it.each([
    ['a port given as a name where the schema wants a number', (d: Tree) => (safetyContainer(d).ports[0].containerPort = 'http'), /containerPort must be integer/],
    ['a Deployment without its selector', (d: Tree) => delete d.spec.selector, /must have required property 'selector'|required property selector/],
    ['a container without a readiness probe', (d: Tree) => delete safetyContainer(d).readinessProbe, /readinessProbe is required/],
    ['a container without a memory limit', (d: Tree) => delete safetyContainer(d).resources.limits.memory, /resources.limits.memory is required/],
    ['a container that may run as root', (d: Tree) => delete d.spec.template.spec.securityContext.runAsNonRoot, /runAsNonRoot must be true/],
    ['a database URL written into the manifest', (d: Tree) => (safetyContainer(d).env[0] = { name: 'DATABASE_URL', value: 'postgres://owner:pw@db/safety' }), /DATABASE_URL is a credential/],
  ])('refuse %s', (_case, change, problem) => {
    expect(manifestProblems(withChange('Deployment', 'safety', change)).join('\n')).toMatch(problem);
  });

  it('refuse two replicas with no disruption budget over them', () => {
    const withoutBudget = manifests.filter((m) => !(m.object.kind === 'PodDisruptionBudget' && m.object.metadata?.name === 'enrollment'));
    expect(manifestProblems(withoutBudget)).toEqual(['enrollment.yaml Deployment enrollment: 2 replicas need a PodDisruptionBudget selecting its pods']);
  });

  it('refuse a credential kept in the ConfigMap and a Secret kept in the manifests', () => {
    const leaky = withChange('ConfigMap', 'trialstream-config', (c) => (c.data.KAFKA_SASL_PASSWORD = 'hunter2'));
    leaky.push({ file: 'secret.yaml', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { url: 'x' } } });
    expect(manifestProblems(leaky)).toEqual([
      'config.yaml ConfigMap trialstream-config: KAFKA_SASL_PASSWORD is a credential; reference it from a Secret instead of a ConfigMap',
      'secret.yaml Secret db: secrets are created in the cluster and referenced, not kept in manifests',
    ]);
  });

  it('refuse a kind it has no schema for', () => {
    const unknown = [...manifests, { file: 'x.yaml', object: { apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w' } } }];
    expect(manifestProblems(unknown)).toEqual(['x.yaml Widget w: no Kubernetes schema known for example.org/v1/Widget']);
  });
});
