import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';

/** Bundles the browser-test page: the real editors with @grafana/ui, no Grafana server. */
const config: Configuration = {
  mode: 'development',
  devtool: false,
  context: __dirname,
  entry: { harness: './main.tsx' },
  output: { path: path.resolve(__dirname, 'build'), filename: '[name].js', clean: true },
  resolve: {
    extensions: ['.tsx', '.ts', '.js', '.jsx', '.mjs'],
    modules: [path.resolve(__dirname, '../../src'), 'node_modules'],
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
              transform: { react: { runtime: 'classic' } },
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
          from: path.dirname(require.resolve('@grafana/ui/package.json')) + '/dist/public/img/icons',
          to: 'public/build/img/icons',
        },
      ],
    }),
  ],
  performance: { hints: false },
};

export default config;
