// Copies a built service and exactly the files it loads at run time (its compiled code, the
// compiled libraries and the files of node_modules it requires) into an image's folder.
// @vercel/nft follows the requires from the entry points, so an image carries about 20 MB of
// node_modules instead of every production dependency of the monorepo (about 200 MB).
import { nodeFileTrace } from '@vercel/nft';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [service, outDir] = process.argv.slice(2);
if (!service || !outDir) throw new Error('usage: node tools/containers/trace-service.mjs <service> <outDir>');
const entry = (name) => `dist/apps/${service}/apps/${service}/src/${name}.js`;
const { fileList, warnings } = await nodeFileTrace([entry('main'), entry('migrate')], { base: process.cwd() });
for (const file of fileList) {
  mkdirSync(dirname(join(outDir, file)), { recursive: true });
  cpSync(file, join(outDir, file), { recursive: true, verbatimSymlinks: true });
}
for (const warning of warnings) if (!/Failed to resolve dependency/.test(warning.message)) console.warn(`trace: ${warning.message}`);
console.log(`${service}: ${fileList.size} files traced into ${outDir}`);
