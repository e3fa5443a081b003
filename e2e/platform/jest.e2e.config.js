// The whole platform as operators run it: the four built services as processes, a real Kafka
// broker and real PostgreSQL databases. Missing infrastructure fails these tests.
module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
};
