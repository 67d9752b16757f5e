// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

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
