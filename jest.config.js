// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const baseConfig = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...baseConfig,
  // jsdom with cheap computed styles (see the file); same results as the scaffold's environment.
  testEnvironment: '<rootDir>/tests/jest/environment.js',
  // One budget for every test file: the machine's cores are shared, and a busy moment must not fail a fast test.
  testTimeout: 20000,
  transform: {
    ...baseConfig.transform,
    // d3-color (pulled in by @grafana/ui) ships only .mjs files
    '^.+\\.mjs$': baseConfig.transform['^.+\\.(t|j)sx?$'],
  },
};
