// Copies a built service (all of dist/apps/<service>: its code, compiled libraries and assets such
// as the dashboard page) and exactly the files of node_modules it loads into an image's folder.
// @vercel/nft follows the requires from the entry points, so an image carries about 20 MB of
// node_modules instead of every production dependency of the monorepo (about 200 MB).
import { nodeFileTrace } from '@vercel/nft';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [service, outDir] = process.argv.slice(2);
if (!service || !outDir) throw new Error('usage: node tools/containers/trace-service.mjs <service> <outDir>');
const entry = (name) => `dist/apps/${service}/apps/${service}/src/${name}.js`;
const { fileList, warnings } = await nodeFileTrace([entry('main'), entry('migrate')], { base: process.cwd() });
cpSync(`dist/apps/${service}`, join(outDir, 'dist/apps', service), { recursive: true, verbatimSymlinks: true });
for (const file of fileList) {
  mkdirSync(dirname(join(outDir, file)), { recursive: true });
  cpSync(file, join(outDir, file), { recursive: true, verbatimSymlinks: true });
}
for (const warning of warnings) if (!/Failed to resolve dependency/.test(warning.message)) console.warn(`trace: ${warning.message}`);
console.log(`${service}: ${fileList.size} files traced into ${outDir}`);
