// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import { configure } from '@testing-library/react';

import { ALLOWED_CONSOLE } from './tests/allowedConsole';

// findBy*/waitFor wait up to 10 s (the library's default is 1 s): on a loaded 2-core machine a render can take
// longer than a second, and waiting longer never slows a passing test.
configure({ asyncUtilTimeout: 10000 });

// Combobox renders a virtualised list: give elements a size so jsdom shows its options.
Object.defineProperty(Element.prototype, 'getBoundingClientRect', {
  configurable: true,
  value: () => ({ x: 0, y: 0, width: 500, height: 500, top: 0, left: 0, bottom: 500, right: 500, toJSON: () => ({}) }),
});
for (const property of ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight']) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => 500 });
}

// Combobox measures option labels on a canvas; jsdom has none.
HTMLCanvasElement.prototype.getContext = () => ({ font: '', measureText: (text) => ({ width: text.length * 8 }) });

// The option list's scroll indicators watch visibility; jsdom has no IntersectionObserver.
global.IntersectionObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
};

// A console.error or console.warn (React's warnings among them) fails the test that printed it, unless allowed.
const consoleProblems = [];
for (const method of ['error', 'warn']) {
  // eslint-disable-next-line no-console
  const print = console[method];
  // eslint-disable-next-line no-console
  console[method] = (...args) => {
    const text = args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(' ');
    if (!ALLOWED_CONSOLE.some((pattern) => pattern.test(text))) {
      consoleProblems.push(`console.${method}: ${text}`);
    }
    print.apply(console, args);
  };
}
afterEach(() => {
  const problems = consoleProblems.splice(0);
  if (problems.length > 0) {
    throw new Error(`The test printed to the console:\n${problems.join('\n')}`);
  }
});

// jsdom 20's URL lacks URL.canParse (every browser Grafana 12.4+ supports has it); @grafana/ui 13.2 calls it.
if (typeof URL.canParse !== 'function') {
  URL.canParse = (url, base) => {
    try {
      new URL(url, base);
      return true;
    } catch {
      return false;
    }
  };
}
