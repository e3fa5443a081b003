// Integration tests: the real HAPI FHIR validator (Java, jars from Maven Central), never a stand-in.
module.exports = {
  displayName: 'exports-integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  // The validator loads the whole R5 definition set on start: a minute or two on a shared machine.
  testTimeout: 600_000,
};
