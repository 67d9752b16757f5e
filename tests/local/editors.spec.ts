import { Locator, Page } from '@playwright/test';

import { selectors } from '../../src/components/selectors';
import { BAD_TOKEN_MESSAGE } from '../../src/testing/fixtures';
import { expect, test } from './fixtures';

const { queryEditor, config, variableEditor, harness } = selectors;

async function readJson(page: Page, testId: string) {
  return JSON.parse((await page.getByTestId(testId).textContent()) ?? 'null');
}

/** Retries until the JSON the page prints matches: React may commit a picked option a moment after the click. */
function pageJson(page: Page, testId: string) {
  return expect.poll(() => readJson(page, testId));
}

/**
 * Opens a dropdown, picks the options whose names match, and closes it again. In a multi-select each pick is awaited
 * until its option shows checked (the query holds it), as a user sees it before the next.
 */
async function pick(page: Page, testId: string, ...names: RegExp[]) {
  await page.getByTestId(testId).click();
  for (const name of names) {
    const option = page.getByRole('option', { name });
    await option.waitFor();
    if ((await option.getByRole('checkbox').count()) > 0) {
      await clickUntilChecked(option);
    } else {
      await option.click();
    }
  }
  await page.keyboard.press('Escape');
}

/**
 * Clicks a multi-select option and waits until it shows checked, clicking again, as a user would, when it still shows
 * unchecked 5 s later: on React 19 in a loaded browser a click can land while the list re-renders after the previous
 * pick and be lost (1 in 10 runs of the stats test under load). A click that does register is never repeated.
 */
async function clickUntilChecked(option: Locator) {
  const checkbox = option.getByRole('checkbox');
  await expect(async () => {
    if (!(await checkbox.isChecked())) {
      await option.click();
    }
    await expect(checkbox).toBeChecked({ timeout: 5000 });
  }).toPass({ timeout: 20000 });
}

/** Checks the radio button of a labelled radio group. */
async function chooseRadio(page: Page, group: string, name: string) {
  await page.getByRole('radiogroup', { name: group }).getByRole('radio', { name }).check();
}

test.describe('query editor', () => {
  test.beforeEach(async ({ page, harnessUrl }) => {
    await page.goto(harnessUrl);
    await expect(page.getByTestId(queryEditor.services)).toHaveAttribute('placeholder', 'All services');
  });

  test('builds a stats query from the dropdowns', async ({ page }, testInfo) => {
    await pick(page, queryEditor.services, /Delivery/, /api\.example\.com/);
    await pick(page, queryEditor.metrics, /Hit ratio/, /Bandwidth/);
    await pick(page, queryEditor.region, /Europe/);
    await chooseRadio(page, queryEditor.labels.granularity, 'Hour');
    await chooseRadio(page, queryEditor.labels.groupBy, 'Sum');
    await page.getByTestId(queryEditor.perSecond).check({ force: true });

    const expected = {
      refId: 'A',
      queryType: 'stats',
      services: ['kKJb5bOFI47uHeBVluGfX1', 'SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests', 'hit_ratio', 'bandwidth'],
      granularity: 'hour',
      region: 'europe',
      groupBy: 'none',
      perSecond: true,
    };
    await pageJson(page, harness.query).toEqual({ query: expected, sent: expected, runs: expect.any(Number) });
    // One run per change: two services, two metrics, region, granularity, group-by, per-second.
    expect((await readJson(page, harness.query)).runs).toBe(8);
    await expect(page.getByTestId('query-editor')).toContainText('Delivery');

    await page.getByTestId('query-editor').screenshot({ path: testInfo.outputPath('query-editor.png') });
  });

  test('builds a deploy annotation query', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Deploy annotations');
    await pick(page, queryEditor.services, /Delivery/);
    const expected = { refId: 'A', queryType: 'versions', services: ['kKJb5bOFI47uHeBVluGfX1'] };
    await pageJson(page, harness.query).toMatchObject({ query: expected, sent: expected });
  });

  test('builds a purge annotation query from the event types the backend lists', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Event annotations');
    await expect(page.getByTestId(queryEditor.eventTypes)).toHaveAttribute('placeholder', 'Activations and purges');
    await page.getByTestId(queryEditor.eventTypes).click();
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toContainText('Version activated');
    await expect(options.nth(1)).toContainText('service.purge_all · Every cached object of a service was purged');
    await page.keyboard.press('Escape');
    await pick(page, queryEditor.eventTypes, /Purge all/, /Backend updated/);
    await pick(page, queryEditor.services, /\$service/);

    await pageJson(page, harness.query).toMatchObject({
      query: {
        refId: 'A',
        queryType: 'events',
        services: ['$service'],
        eventTypes: ['service.purge_all', 'backend.update'],
      },
      sent: {
        queryType: 'events',
        services: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1'],
        eventTypes: ['service.purge_all', 'backend.update'],
      },
    });
  });

  test('builds a Fastly alert annotation query with a status', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Alert annotations');
    await expect(
      page.getByRole('radiogroup', { name: queryEditor.labels.alertStatus }).getByRole('radio', { name: 'All' })
    ).toBeChecked();
    await pick(page, queryEditor.services, /Delivery/);
    await chooseRadio(page, queryEditor.labels.alertStatus, 'Active');

    const expected = { refId: 'A', queryType: 'alerts', services: ['kKJb5bOFI47uHeBVluGfX1'], status: 'active' };
    await pageJson(page, harness.query).toMatchObject({ query: expected, sent: expected });
  });

  test('builds a real-time query grouped by POP', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Real-time');
    await pageJson(page, harness.query).toMatchObject({ query: { queryType: 'realtime', services: [] }, sent: null });
    await pick(page, queryEditor.services, /Delivery/);
    await page.getByTestId(queryEditor.metrics).click();
    await expect(page.getByRole('listbox').getByRole('option', { name: /Hit ratio/ })).toHaveCount(0);
    await page.getByRole('option', { name: /Miss latency p95/ }).click();
    await page.keyboard.press('Escape');
    await chooseRadio(page, queryEditor.labels.groupBy, 'Per POP');
    await pick(page, queryEditor.datacenters, /LHR – London/);

    const expected = {
      refId: 'A',
      queryType: 'realtime',
      services: ['kKJb5bOFI47uHeBVluGfX1'],
      metrics: ['requests', 'miss_latency_p95'],
      groupBy: 'datacenter',
      datacenters: ['LHR'],
    };
    await pageJson(page, harness.query).toMatchObject({ query: expected, sent: expected });
  });

  test('shows metric groups with unit and description', async ({ page }) => {
    await page.getByTestId(queryEditor.metrics).click();
    const listbox = page.getByRole('listbox');
    for (const group of ['Traffic', 'Cache', 'Status codes', 'Bytes', 'Timing', 'Derived']) {
      await expect(listbox.getByText(group, { exact: true })).toBeVisible();
    }
    await expect(listbox.getByRole('option', { name: /Bandwidth/ })).toContainText(
      'bytes · Bytes delivered to clients'
    );
    await expect(listbox.getByRole('option', { name: /Edge requests/ })).toHaveCount(0);
  });

  test('builds a logs query with a filter row', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Logs');
    await expect(page.getByText('Choose a service: log queries run once one is chosen')).toBeVisible();
    await pick(page, queryEditor.services, /Delivery/);
    await page.getByTestId(queryEditor.filterAdd).click();
    await pick(page, queryEditor.filterField, /Response status/);
    await page.getByTestId(queryEditor.filterOperator).click();
    await page.getByRole('option', { name: '>= gte' }).click();
    await page.getByTestId(queryEditor.filterValue).fill('500');
    await page.getByTestId(queryEditor.filterValue).blur();

    const expected = {
      refId: 'A',
      queryType: 'logs',
      services: ['kKJb5bOFI47uHeBVluGfX1'],
      filters: [{ field: 'response_status', operator: 'gte', value: '500' }],
      limit: 1000,
    };
    await pageJson(page, harness.query).toMatchObject({ query: expected, sent: expected });
  });

  test('builds a Log insights query of one report', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Log insights');
    await pick(page, queryEditor.services, /api\.example\.com/);
    await page.getByTestId(queryEditor.visualization).click();
    await expect(page.getByRole('option', { name: /Slowest pages \(response time\)/ })).toBeVisible();
    await page.getByRole('option', { name: /Top 5xx pages/ }).click();
    await pick(page, queryEditor.datacenters, /LHR – London/);
    await page.getByTestId(queryEditor.domain).fill('www.example.com');
    await page.getByTestId(queryEditor.domain).blur();

    const expected = {
      refId: 'A',
      queryType: 'insights',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      visualization: 'top-5xx-urls',
      limit: 10,
      domain: 'www.example.com',
      domainExactMatch: true,
      datacenters: ['LHR'],
    };
    await pageJson(page, harness.query).toMatchObject({ query: expected, sent: expected });
  });

  test('builds a log metrics time series per country', async ({ page }) => {
    await chooseRadio(page, queryEditor.labels.queryType, 'Log metrics');
    await pick(page, queryEditor.services, /Delivery/);
    await page.getByTestId(queryEditor.metrics).click();
    await expect(page.getByRole('listbox').getByRole('option', { name: /Hit ratio/ })).toHaveCount(0);
    await page.getByRole('option', { name: /Response time \(average\)/ }).click();
    await page.keyboard.press('Escape');
    await chooseRadio(page, queryEditor.labels.format, 'Time series');
    await pick(page, queryEditor.logGroupBy, /Country/);

    const expected = {
      refId: 'A',
      queryType: 'logMetrics',
      services: ['kKJb5bOFI47uHeBVluGfX1'],
      metrics: ['response_time_p95', 'response_time_avg'],
      groupBy: 'client_country_code',
      format: 'timeseries',
      filters: [],
      limit: 20,
      sortBy: '',
      sortDesc: true,
    };
    await pageJson(page, harness.query).toMatchObject({ query: expected, sent: expected });
    await expect(page.getByTestId(queryEditor.legendFormat)).toBeVisible();
  });

  test('stores a dashboard variable and sends its values', async ({ page }) => {
    await pick(page, queryEditor.services, /\$service/);
    await pageJson(page, harness.query).toMatchObject({
      query: { services: ['$service'] },
      sent: { services: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1'] },
    });
  });
});

test('a rejected token shows the backend message in the service dropdown', async ({ page, harnessUrl }) => {
  await page.goto(`${harnessUrl}?fail=services`);
  await expect(page.getByRole('alert')).toHaveText(BAD_TOKEN_MESSAGE);
  await page.getByTestId(queryEditor.services).click();
  await expect(page.getByRole('listbox')).toContainText(BAD_TOKEN_MESSAGE);
  await page.keyboard.press('Escape');

  await pick(page, queryEditor.metrics, /Hit ratio/);
  await pageJson(page, harness.query).toMatchObject({ query: { metrics: ['requests', 'hit_ratio'] } });
});

test('config editor stores the token and checked endpoint overrides', async ({ page, harnessUrl }, testInfo) => {
  await page.goto(harnessUrl);
  await page.getByTestId(config.apiToken).fill('my-fastly-token');
  const apiUrl = page.getByTestId(config.apiUrl);
  await apiUrl.fill('ftp://proxy.example.com');
  await apiUrl.blur();
  await expect(page.getByRole('alert')).toHaveText('Only http:// and https:// URLs are supported, not ftp://');

  await apiUrl.fill('http://127.0.0.1:8080');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByTestId(config.realtimeUrl).fill('http://127.0.0.1:8081');

  await pageJson(page, harness.options).toMatchObject({
    jsonData: { apiUrl: 'http://127.0.0.1:8080', realtimeUrl: 'http://127.0.0.1:8081' },
    secureJsonData: { apiToken: 'my-fastly-token' },
  });
  await page.getByTestId('config-editor').screenshot({ path: testInfo.outputPath('config-editor.png') });
});

test('config editor stores checked advanced settings', async ({ page, harnessUrl }) => {
  await page.goto(harnessUrl);
  const advanced = page.getByRole('button', { name: config.labels.advanced });
  await expect(advanced).toHaveAttribute('aria-expanded', 'false');
  await advanced.click();
  await expect(advanced).toHaveAttribute('aria-expanded', 'true');

  const buffer = page.getByTestId(config.realtimeBufferMinutes);
  await expect(buffer).toHaveAttribute('placeholder', '15');
  await buffer.fill('500');
  await expect(page.getByRole('alert')).toHaveText(
    'Real-time minutes kept per service must be a whole number from 1 to 120'
  );
  await buffer.fill('60');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByTestId(config.maxRetries).fill('0');
  await page.getByText(config.labels.stitchRealtime).click();

  await pageJson(page, harness.options).toMatchObject({
    jsonData: { realtimeBufferMinutes: 60, maxRetries: 0, stitchRealtime: false },
  });
  await buffer.fill('');
  await expect
    .poll(async () => (await readJson(page, harness.options)).jsonData)
    .toEqual({
      maxRetries: 0,
      stitchRealtime: false,
    });
});

test('variable editor lists POPs as "CODE – Name"', async ({ page, harnessUrl }) => {
  await page.goto(harnessUrl);
  await pick(page, variableEditor.kind, /POPs/);
  await pageJson(page, harness.variableQuery).toEqual({
    query: { refId: 'variable', kind: 'datacenters' },
    values: [
      { text: 'LHR – London', value: 'LHR' },
      { text: 'SJC – San Jose', value: 'SJC' },
    ],
  });
});

test.describe('query editor in a 600 px query pane', () => {
  test.use({ viewport: { width: 600, height: 900 } });

  for (const type of [
    'Historical stats',
    'Services table',
    'Deploy annotations',
    'Event annotations',
    'Alert annotations',
    'Usage',
    'Real-time',
    'Origin Inspector',
    'Domain Inspector',
    'Log insights',
    'Logs',
    'Log metrics',
  ]) {
    test(`"${type}" fits without horizontal scrolling`, async ({ page, harnessUrl }) => {
      await page.goto(harnessUrl);
      await chooseRadio(page, queryEditor.labels.queryType, type);
      await expect(
        page.getByRole('radiogroup', { name: queryEditor.labels.queryType }).getByRole('radio', { name: type })
      ).toBeChecked();
      if (type === 'Logs' || type === 'Log metrics') {
        // A filter row is the widest row of these editors.
        await page.getByTestId(queryEditor.filterAdd).click();
        await expect(page.getByTestId(queryEditor.filterValue)).toBeVisible();
      }
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });
  }
});
