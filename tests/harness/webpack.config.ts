import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';

/**
 * `HARNESS_RUNTIME=react19` bundles against tests/react19/node_modules (@grafana/* 13.2, React 19) into build-react19;
 * otherwise the root packages (@grafana/* 12.4, React 18) go into build.
 */
const react19 = process.env.HARNESS_RUNTIME === 'react19';
const runtimeModules = react19 ? [path.resolve(__dirname, '../react19/node_modules')] : [];
const uiPackage = require.resolve('@grafana/ui/package.json', { paths: [...runtimeModules, __dirname] });

/** Bundles the browser-test page: the real editors with @grafana/ui, no Grafana server. */
const config: Configuration = {
  mode: 'development',
  devtool: false,
  context: __dirname,
  entry: { harness: './main.tsx' },
  output: { path: path.resolve(__dirname, react19 ? 'build-react19' : 'build'), filename: '[name].js', clean: true },
  resolve: {
    extensions: ['.tsx', '.ts', '.js', '.jsx', '.mjs'],
    modules: [path.resolve(__dirname, '../../src'), ...runtimeModules, 'node_modules'],
  },
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              // React.createElement, as in the production build: without swc-loader's development props
              // (__self, __source), which React 19 reports as an outdated JSX transform.
              transform: { react: { runtime: 'classic', development: false } },
              target: 'es2020',
            },
          },
        },
      },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
    ],
  },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: 'index.html' },
        // Where @grafana/ui's Icon looks for its SVGs outside Grafana.
        {
          from: path.dirname(uiPackage) + '/dist/public/img/icons',
          to: 'public/build/img/icons',
        },
      ],
    }),
  ],
  performance: { hints: false },
};

export default config;
