// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const baseConfig = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...baseConfig,
  transform: {
    ...baseConfig.transform,
    // d3-color (pulled in by @grafana/ui) ships only .mjs files
    '^.+\\.mjs$': baseConfig.transform['^.+\\.(t|j)sx?$'],
  },
};
