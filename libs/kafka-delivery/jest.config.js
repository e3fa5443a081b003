module.exports = {
  displayName: "kafka-delivery",
  preset: "../../jest.preset.js",
  rootDir: ".",
  testMatch: ["<rootDir>/src/**/*.spec.ts"],
};
