// The same jest tests against the newest runtime: @grafana/* 13.2 and React 19 from tests/react19/node_modules.
const path = require('path');
const base = require('../../jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('../../.config/jest/utils');

const here = path.resolve(__dirname, 'node_modules');

module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, '../..'),
  // This folder's packages win over the root ones, for the tests and for every package they load.
  moduleDirectories: [here, 'node_modules'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^react$': path.join(here, 'react'),
    '^react/(.*)$': path.join(here, 'react/$1'),
    '^react-dom$': path.join(here, 'react-dom'),
    '^react-dom/(.*)$': path.join(here, 'react-dom/$1'),
  },
  // @grafana/* 13.2 also load ESM-only packages.
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@react-hookz', '@ver0'])],
  cacheDirectory: path.join(require('os').tmpdir(), 'jest-fastly-react19'),
};
