/** Writes the README's authorisation table from the four services' OpenAPI documents (the @Allow declarations). */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnrollmentModule } from '../apps/enrollment/src/app.module';
import { InfusionTrackingModule } from '../apps/infusion-tracking/src/app.module';
import { RegistryModule } from '../apps/registry/src/app.module';
import { SafetyModule } from '../apps/safety/src/app.module';
import { previewOpenApiDocument } from '../libs/platform/src';
import { accessTable, withAccessTable, type AccessDocument } from '../libs/testing/src/access-table';

const SERVICES = { registry: RegistryModule, enrollment: EnrollmentModule, 'infusion-tracking': InfusionTrackingModule, safety: SafetyModule };

async function main() {
  const documents: Record<string, AccessDocument> = {};
  for (const [service, module] of Object.entries(SERVICES)) {
    documents[service] = (await previewOpenApiDocument(module, { service, title: service, description: '' })) as unknown as AccessDocument;
  }
  const readme = join(__dirname, '../README.md');
  writeFileSync(readme, withAccessTable(readFileSync(readme, 'utf8'), accessTable(documents)));
  process.stdout.write(`README.md: authorisation table written (${Object.keys(SERVICES).join(', ')})\n`);
}

void main();
