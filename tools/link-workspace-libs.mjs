// Makes a compiled service self-contained: each workspace alias (@trialstream/*) becomes a stub
// package under <outDir>/node_modules pointing at the compiled library, so Node resolves it with
// no runtime path-mapping hook.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node tools/link-workspace-libs.mjs <outDir>');
const { compilerOptions } = JSON.parse(readFileSync('tsconfig.base.json', 'utf8'));
for (const [alias, [source]] of Object.entries(compilerOptions.paths)) {
  const packageDir = join(outDir, 'node_modules', alias);
  const main = join(outDir, source.replace(/\.ts$/, '.js'));
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: alias, main: relative(packageDir, main) }, null, 2));
}
