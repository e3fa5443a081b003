import nx from '@nx/eslint-plugin';

const CONTRACTS_IMPORTS = ['class-validator', 'class-transformer', 'class-transformer/*', 'class-validator-jsonschema', 'reflect-metadata', 'node:*'];
// The tools sponsors use on the published AsyncAPI document, for the contracts' own tests.
const PUBLISHED_DOCUMENT_CHECKERS = ['@asyncapi/parser', 'ajv', 'ajv-formats', 'json-schema-to-typescript/package.json', 'typescript'];

/**
 * Module boundaries: apps talk to each other only through contracts, contracts depend on nothing
 * else in the workspace, and the testing helpers are for test files only. The command-line tool and
 * the simulation reach the services over Kafka and HTTP, never by importing them (nor the services'
 * runtime); they share the local signing key with the tests. The exports (FHIR, E2B) read contracts
 * only; apps, the CLI and the end-to-end tests may use them. The fault run (tools/faults) is held to
 * what the end-to-end tests may use.
 */
function boundaries({ tests }) {
  const testing = tests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:contracts',
        onlyDependOnLibsWithTags: ['type:contracts'],
        allowedExternalImports: [...CONTRACTS_IMPORTS, ...(tests ? PUBLISHED_DOCUMENT_CHECKERS : [])],
      },
      { sourceTag: 'type:shared', onlyDependOnLibsWithTags: ['type:shared', 'type:contracts', 'type:kafka-delivery', ...testing] },
      { sourceTag: 'type:kafka-delivery', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:local-auth', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:local-auth', 'type:kafka-delivery'] },
      { sourceTag: 'type:exports', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:shared', 'type:contracts', 'type:exports', ...testing] },
      { sourceTag: 'type:simulation', onlyDependOnLibsWithTags: ['type:contracts', 'type:local-auth', ...testing] },
      { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:contracts', 'type:local-auth', 'type:kafka-delivery', 'type:simulation', 'type:exports', ...testing] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:simulation', 'type:exports'] },
      // The fault run reaches the services over Kafka and HTTP only, like the e2e tests.
      { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:local-auth'] },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.nx', '.cache', '.run'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests assert on values they just built; a failed assumption fails the test anyway.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
