// Writes libs/contracts/asyncapi.json from the contract definitions (npm run asyncapi).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from '../libs/contracts/src/asyncapi';

writeFileSync(join(__dirname, '../libs/contracts/asyncapi.json'), `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
