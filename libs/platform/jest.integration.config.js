// Integration tests: real Kafka broker and real PostgreSQL, never mocks. Missing infrastructure fails them.
module.exports = {
  displayName: 'platform-integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 120_000,
};
