// Integration tests of the testing helpers themselves: real Kafka brokers, never mocks. The
// namespace-mode cluster test needs root (ip netns, veth, bridge).
module.exports = {
  displayName: 'testing-integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 120_000,
};
