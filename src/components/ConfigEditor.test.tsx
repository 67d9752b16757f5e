import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { user } from '../testing/user';
import { DataSourceSettings } from '@grafana/data';

import { dataSourceSettings as settings } from '../testing/instanceSettings';
import { FastlyDataSourceOptions, FastlySecureJsonData } from '../types/options';
import { ConfigEditor, TOKEN_DOCS_URL } from './ConfigEditor';
import { INTEGER_SETTINGS } from '../types/declarations';
import { selectors } from './selectors';

type Settings = DataSourceSettings<FastlyDataSourceOptions, FastlySecureJsonData>;

const { config } = selectors;

/** Renders the editor the way Grafana does: the settings live in the parent. */
function setup(initial: Settings = settings()) {
  let latest = initial;
  function Host() {
    const [options, setOptions] = useState(initial);
    const onOptionsChange = (next: Settings) => {
      latest = next;
      setOptions(next);
    };
    return <ConfigEditor options={options} onOptionsChange={onOptionsChange} />;
  }
  render(<Host />);
  return { latest: () => latest };
}

describe('ConfigEditor', () => {
  it('stores a typed token as a secret', async () => {
    const { latest } = setup();
    await user.type(screen.getByTestId(config.apiToken), 'tok3n');
    expect(latest().secureJsonData?.apiToken).toBe('tok3n');
    expect(latest().jsonData).toEqual({});
  });

  it('shows a saved token as configured and lets the user reset it', async () => {
    const { latest } = setup(settings({ secureJsonFields: { apiToken: true } }));
    expect(screen.getByTestId(config.apiToken)).toBeDisabled();
    expect(screen.getByTestId(config.apiToken)).toHaveValue('configured');

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest().secureJsonFields.apiToken).toBe(false);
    expect(latest().secureJsonData?.apiToken).toBe('');
    expect(screen.getByTestId(config.apiToken)).toBeEnabled();

    await user.type(screen.getByTestId(config.apiToken), 'new');
    expect(latest().secureJsonData?.apiToken).toBe('new');
  });

  it('shows the default endpoints as placeholders and stores overrides', async () => {
    const { latest } = setup();
    expect(screen.getByTestId(config.apiUrl)).toHaveAttribute('placeholder', 'https://api.fastly.com');
    expect(screen.getByTestId(config.realtimeUrl)).toHaveAttribute('placeholder', 'https://rt.fastly.com');

    await user.type(screen.getByTestId(config.apiUrl), 'http://localhost:8080');
    await user.type(screen.getByTestId(config.realtimeUrl), 'http://localhost:8081');
    expect(latest().jsonData).toEqual({ apiUrl: 'http://localhost:8080', realtimeUrl: 'http://localhost:8081' });
  });

  it('explains a URL that is not http or https once the user leaves the field', async () => {
    setup();
    await user.type(screen.getByTestId(config.apiUrl), 'ftp://example.com');
    expect(screen.queryByText(/Only http:\/\/ and https:\/\/ URLs/)).not.toBeInTheDocument();
    await user.tab();
    expect(screen.getByText('Only http:// and https:// URLs are supported, not ftp://')).toBeInTheDocument();

    await user.clear(screen.getByTestId(config.apiUrl));
    await user.type(screen.getByTestId(config.apiUrl), 'api.fastly.com');
    expect(screen.getByText('Enter a full URL starting with http:// or https://')).toBeInTheDocument();

    await user.clear(screen.getByTestId(config.apiUrl));
    await user.type(screen.getByTestId(config.apiUrl), 'https://proxy.example.com');
    expect(screen.queryByText(/URL/, { selector: '[role="alert"]' })).not.toBeInTheDocument();
  });

  it('flags a saved invalid URL at once', () => {
    setup(settings({ jsonData: { realtimeUrl: 'rt.fastly.com' } }));
    expect(screen.getByText('Enter a full URL starting with http:// or https://')).toBeInTheDocument();
  });

  it('links to how to create a global:read token', () => {
    setup();
    expect(screen.getByTestId(config.tokenDocsLink)).toHaveAttribute('href', TOKEN_DOCS_URL);
  });

  describe('advanced settings', () => {
    const openAdvanced = () => user.click(screen.getByRole('button', { name: config.labels.advanced }));

    it('is collapsed for a new datasource and shows the backend defaults as placeholders', async () => {
      setup();
      expect(screen.getByRole('button', { name: config.labels.advanced })).toHaveAttribute('aria-expanded', 'false');
      await openAdvanced();
      expect(screen.getByRole('button', { name: config.labels.advanced })).toHaveAttribute('aria-expanded', 'true');
      expect(screen.getByTestId(config.realtimeBufferMinutes)).toHaveAttribute('placeholder', '15');
      expect(screen.getByTestId(config.realtimeIdleSeconds)).toHaveAttribute('placeholder', '300');
      expect(screen.getByTestId(config.cacheSizeMB)).toHaveAttribute('placeholder', '64');
      expect(screen.getByTestId(config.maxConcurrentCalls)).toHaveAttribute('placeholder', '24');
      expect(screen.getByTestId(config.maxRetries)).toHaveAttribute('placeholder', '3');
      expect(screen.getByTestId(config.inspectorMaxPages)).toHaveAttribute('placeholder', '50');
      expect(screen.getByTestId(config.realtimeMemoryMB)).toHaveAttribute('placeholder', '256');
      expect(screen.getByTestId(config.realtimeMaxServices)).toHaveAttribute('placeholder', '100');
      expect(screen.getByTestId(config.stitchMaxServices)).toHaveAttribute('placeholder', '20');
      expect(screen.getByTestId(config.stitchRealtime)).toBeChecked();
    });

    it('stores typed values as numbers', async () => {
      const { latest } = setup();
      await openAdvanced();
      await user.type(screen.getByTestId(config.realtimeBufferMinutes), '30');
      await user.type(screen.getByTestId(config.realtimeIdleSeconds), '600');
      await user.type(screen.getByTestId(config.cacheSizeMB), '0');
      await user.type(screen.getByTestId(config.maxConcurrentCalls), '8');
      await user.type(screen.getByTestId(config.maxRetries), '0');
      await user.type(screen.getByTestId(config.inspectorMaxPages), '1000');
      await user.type(screen.getByTestId(config.realtimeMemoryMB), '512');
      await user.type(screen.getByTestId(config.realtimeMaxServices), '10');
      await user.type(screen.getByTestId(config.stitchMaxServices), '0');
      expect(latest().jsonData).toEqual({
        realtimeBufferMinutes: 30,
        realtimeIdleSeconds: 600,
        cacheSizeMB: 0,
        maxConcurrentCalls: 8,
        maxRetries: 0,
        inspectorMaxPages: 1000,
        realtimeMemoryMB: 512,
        realtimeMaxServices: 10,
        stitchMaxServices: 0,
      });
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('shows an error and stores nothing for a value out of range', async () => {
      const { latest } = setup();
      await openAdvanced();
      await user.type(screen.getByTestId(config.realtimeBufferMinutes), '121');
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Real-time minutes kept per service must be a whole number from 1 to 120'
      );
      expect(latest().jsonData).toEqual({});

      await user.clear(screen.getByTestId(config.realtimeBufferMinutes));
      await user.type(screen.getByTestId(config.maxConcurrentCalls), '0');
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Concurrent Fastly calls must be a whole number from 1 to 100'
      );
      expect(latest().jsonData).toEqual({});

      await user.clear(screen.getByTestId(config.maxConcurrentCalls));
      await user.type(screen.getByTestId(config.maxRetries), '2.5');
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Retries of a failed read (429, 5xx, network) must be a whole number from 0 to 10'
      );
      expect(latest().jsonData).toEqual({});
    });

    it('drops a stored value once the input turns invalid', async () => {
      const { latest } = setup(settings({ jsonData: { realtimeIdleSeconds: 600, apiUrl: 'https://api.fastly.com' } }));
      expect(screen.getByTestId(config.realtimeIdleSeconds)).toHaveValue(600);
      await user.type(screen.getByTestId(config.realtimeIdleSeconds), '000');
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Stop an unread real-time poller after (seconds) must be a whole number from 30 to 86400'
      );
      expect(latest().jsonData).toEqual({ apiUrl: 'https://api.fastly.com' });
    });

    it('removes the key when the input is cleared so the backend default applies', async () => {
      const { latest } = setup(settings({ jsonData: { cacheSizeMB: 128, inspectorMaxPages: 200 } }));
      // A saved override opens the section.
      expect(screen.getByRole('button', { name: config.labels.advanced })).toHaveAttribute('aria-expanded', 'true');
      await user.clear(screen.getByTestId(config.cacheSizeMB));
      expect(latest().jsonData).toEqual({ inspectorMaxPages: 200 });
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('flags a saved value out of range at once', () => {
      setup(settings({ jsonData: { maxRetries: 11 } }));
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Retries of a failed read (429, 5xx, network) must be a whole number from 0 to 10'
      );
    });

    it('shows a saved maxRetries of -1 (earlier "none") as 0 without an error', () => {
      setup(settings({ jsonData: { maxRetries: -1 } }));
      expect(screen.getByTestId(config.maxRetries)).toHaveValue(0);
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    describe.each(INTEGER_SETTINGS.map((setting) => [setting.key, setting] as const))(
      '%s',
      (key, { min, max, defaultValue }) => {
        const message = `${config.labels[key]} must be a whole number from ${min} to ${max}`;
        const inRange = (value: number) => value >= min && value <= max;
        const cases: ReadonlyArray<[string, string, number | undefined]> = [
          ['empty', '', undefined],
          ['0', '0', inRange(0) ? 0 : undefined],
          ['negative', '-5', undefined],
          ['min', String(min), min],
          ['max', String(max), max],
          ['min-1', String(min - 1), inRange(min - 1) ? min - 1 : undefined],
          ['max+1', String(max + 1), undefined],
        ];

        it.each(cases)('typed %s (%p) saves %p (undefined: key absent)', async (_name, typed, saved) => {
          // A saved value opens the section; the typed text replaces it.
          const { latest } = setup(settings({ jsonData: { apiUrl: 'https://api.fastly.com', [key]: defaultValue } }));
          const input = screen.getByTestId(config[key]);
          await user.clear(input);
          if (typed !== '') {
            await user.type(input, typed);
          }
          const expected = saved === undefined ? {} : { [key]: saved };
          expect(latest().jsonData).toEqual({ apiUrl: 'https://api.fastly.com', ...expected });
          const shouldWarn = typed !== '' && saved === undefined;
          if (shouldWarn) {
            expect(screen.getByRole('alert')).toHaveTextContent(message);
          } else {
            expect(screen.queryByRole('alert')).not.toBeInTheDocument();
          }
        });
      }
    );

    it('stores stitching only when it is turned off', async () => {
      const { latest } = setup();
      await openAdvanced();
      await user.click(screen.getByTestId(config.stitchRealtime));
      expect(screen.getByTestId(config.stitchRealtime)).not.toBeChecked();
      expect(latest().jsonData).toEqual({ stitchRealtime: false });

      await user.click(screen.getByTestId(config.stitchRealtime));
      expect(screen.getByTestId(config.stitchRealtime)).toBeChecked();
      expect(latest().jsonData).toEqual({});
    });

    it('shows saved stitching off as an unchecked switch', () => {
      setup(settings({ jsonData: { stitchRealtime: false } }));
      expect(screen.getByTestId(config.stitchRealtime)).not.toBeChecked();
    });
  });
});
