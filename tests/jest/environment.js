/*
 * jsdom, with its computed-style selector matching made cheap.
 *
 * jsdom's getComputedStyle matches every CSS rule in the document against the element and, for the inherited
 * `visibility`, against each of its ancestors. @grafana/ui injects hundreds of emotion rules, and Testing Library's
 * role queries, user-event's pointer-events check and floating-ui call getComputedStyle thousands of times per test:
 * profiling showed ~80% of jest's time in nwsapi matching those rules. Most rules are `.css-xyz …` selectors whose
 * rightmost compound names a class the element lacks; this rejects them before nwsapi runs. Every other selector
 * (and every candidate that has the classes) still goes to nwsapi, so computed styles are exactly jsdom's.
 */
const path = require('path');
const { TestEnvironment } = require('jest-environment-jsdom');

const jsdomDir = path.dirname(
  require.resolve('jsdom/package.json', { paths: [path.dirname(require.resolve('jest-environment-jsdom'))] })
);
const idlUtils = require(path.join(jsdomDir, 'lib/jsdom/living/generated/utils'));

/** Classes the element itself must have for `selector` to match it, or null when the selector is not simple. */
const requiredClassesCache = new Map();
function requiredClasses(selector) {
  let classes = requiredClassesCache.get(selector);
  if (classes === undefined) {
    classes = null;
    // Only plain selector lists without functional pseudo-classes, attributes or strings are read here.
    if (!/[()[\]"'\\]/.test(selector)) {
      const alternatives = selector.split(',').map((alternative) => {
        const compounds = alternative.trim().split(/\s*[\s>+~]\s*/);
        const rightmost = compounds[compounds.length - 1];
        return Array.from(rightmost.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g), (match) => match[1]);
      });
      // Every alternative must require a class, else a class-less alternative could still match.
      if (alternatives.every((required) => required.length > 0)) {
        classes = alternatives;
      }
    }
    requiredClassesCache.set(selector, classes);
  }
  return classes;
}

function cannotMatch(selector, element) {
  const alternatives = requiredClasses(selector);
  if (alternatives === null) {
    return false;
  }
  const { classList } = element;
  return alternatives.every((required) => required.some((name) => !classList.contains(name)));
}

/**
 * getComputedStyle answers from a cache until anything that can change a computed style happens: a DOM or attribute
 * change (jsdom's document version), a style rule added or removed, focus moving (`:focus` rules), or an input or
 * change event (`:checked` and value-dependent rules).
 */
function cacheComputedStyle(window) {
  const documentImpl = idlUtils.implForWrapper(window.document);
  const compute = window.getComputedStyle;
  let formEvents = 0;
  for (const type of ['input', 'change']) {
    window.document.addEventListener(type, () => formEvents++, true);
  }
  let cache = new WeakMap();
  let cacheKey = '';
  window.getComputedStyle = function (element, pseudoElement) {
    if (pseudoElement !== undefined && pseudoElement !== null && pseudoElement !== '') {
      return compute.call(window, element, pseudoElement);
    }
    let rules = 0;
    for (const sheet of window.document.styleSheets) {
      rules += sheet.cssRules.length;
    }
    const key = `${documentImpl._version}:${rules}:${formEvents}`;
    const active = window.document.activeElement;
    if (key !== cacheKey || active !== cache.active) {
      cache = new WeakMap();
      cache.active = active;
      cacheKey = key;
    }
    let style = cache.get(element);
    if (style === undefined) {
      style = compute.call(window, element);
      cache.set(element, style);
    }
    return style;
  };
}

class FastStyleEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const { document } = this.global;
    cacheComputedStyle(this.global);
    // jsdom creates its non-throwing matcher on the first computed style; make it, then put the filter in front.
    this.global.getComputedStyle(document.documentElement);
    const nwsapi = idlUtils.implForWrapper(document)._nwsapiDontThrow;
    if (nwsapi) {
      const match = nwsapi.match;
      nwsapi.match = function (selector, element, callback) {
        if (typeof selector === 'string' && element && element.classList && cannotMatch(selector, element)) {
          return false;
        }
        return match.call(this, selector, element, callback);
      };
    }
  }
}

module.exports = FastStyleEnvironment;
