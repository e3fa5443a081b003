// npm run k8s:validate: checks infra/k8s against the Kubernetes API schemas and the deployment rules.
import { join } from 'node:path';
import { manifestProblems, readKustomization } from './manifests';

const manifests = readKustomization(join(__dirname, '..'));
const problems = manifestProblems(manifests);
for (const problem of problems) console.error(problem);
console.log(problems.length ? `${problems.length} problem(s) in ${manifests.length} objects` : `${manifests.length} objects valid`);
process.exit(problems.length ? 1 : 0);
