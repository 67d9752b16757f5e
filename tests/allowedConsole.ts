/**
 * Console errors and warnings from third-party code we cannot fix, each with the reason. Jest (jest-setup.js) and
 * the Playwright editor tests (tests/local/fixtures.ts) fail a test on any other console error or warning.
 */
export const ALLOWED_CONSOLE: RegExp[] = [
  // @grafana/ui 12.4's Combobox passes `disabled` to downshift's getItemProps for its error/info option (inside @grafana/ui).
  /Passing "disabled" as an argument to getItemProps is not supported anymore/,
  // @grafana/ui's GlobalStyles loads Grafana's fonts from /public/fonts, which Grafana serves and no npm package ships:
  // the editor page served without Grafana falls back to system fonts.
  /Failed to load resource: .*\/public\/fonts\//,
];
