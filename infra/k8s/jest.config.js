module.exports = {
  displayName: 'k8s-manifests',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/checks/**/*.spec.ts'],
};
