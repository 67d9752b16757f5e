import { readFileSync } from 'fs';
import { join } from 'path';

import plugin from './plugin.json';

/** The README's "Supported Grafana" line. */
function supportedLine(): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const line = readme.split('\n').find((text) => text.startsWith('Supported Grafana:'));
  if (line === undefined) {
    throw new Error('README.md has no "Supported Grafana:" line');
  }
  return line;
}

describe('supported Grafana versions', () => {
  it('README states the grafanaDependency plugin.json declares', () => {
    const dependency = plugin.dependencies.grafanaDependency;
    const line = supportedLine();
    expect(line).toContain(`\`grafanaDependency\` \`${dependency}\``);

    const [, min] = /^>=(\d+\.\d+)\.\d+/.exec(dependency) ?? [];
    const [, max] = /<(\d+)$/.exec(dependency) ?? [];
    expect(line).toMatch(new RegExp(`^Supported Grafana: ${min.replace('.', '\\.')} `));
    expect(line).toContain(`${Number(max) - 1}.x`);
    expect(line).not.toContain(`${max}.x`);
  });
});
