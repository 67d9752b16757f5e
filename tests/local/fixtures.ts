import { ConsoleMessage, test as base } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

import { ALLOWED_CONSOLE } from '../allowedConsole';

/** The page built against the root packages, or with HARNESS_RUNTIME=react19 against tests/react19. */
const BUILD_DIR = join(
  __dirname,
  '..',
  'harness',
  process.env.HARNESS_RUNTIME === 'react19' ? 'build-react19' : 'build'
);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves the bundled editor page (npm run e2e:page) from 127.0.0.1 on a free port. */
function serve(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(BUILD_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(BUILD_DIR)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Console messages of these types fail the test that caused them. */
const FAILING_CONSOLE_TYPES = new Set(['error', 'warning']);

/** "console.error: text (url:line)" for a console message the test must fail on, or undefined. */
function consoleProblem(message: ConsoleMessage): string | undefined {
  if (!FAILING_CONSOLE_TYPES.has(message.type())) {
    return undefined;
  }
  const { url, lineNumber } = message.location();
  const problem = `console.${message.type()}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
  return ALLOWED_CONSOLE.some((pattern) => pattern.test(problem)) ? undefined : problem;
}

/**
 * `harnessUrl`: where the editor page is served for this worker.
 * `page`: fails the test when the page logs a console error or warning or throws an uncaught error.
 */
export const test = base.extend<{}, { harnessUrl: string }>({
  harnessUrl: [
    async ({}, use) => {
      const server = await serve();
      const { port } = server.address() as AddressInfo;
      await use(`http://127.0.0.1:${port}/`);
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      const problem = consoleProblem(message);
      if (problem) {
        problems.push(problem);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
    await use(page);
    if (problems.length > 0) {
      throw new Error(`The page logged to the console:\n${problems.join('\n')}`);
    }
  },
});

export { expect } from '@playwright/test';
