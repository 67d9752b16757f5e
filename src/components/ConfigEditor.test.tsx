import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { user } from '../testing/user';
import { DataSourceSettings } from '@grafana/data';

import { dataSourceSettings as settings } from '../testing/instanceSettings';
import { FastlyDataSourceOptions, FastlySecureJsonData } from '../types/options';
import { ConfigEditor, TOKEN_DOCS_URL } from './ConfigEditor';
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
      expect(screen.getByTestId(config.stitchRealtime)).toBeChecked();
    });

    it('stores typed values as numbers', async () => {
      const { latest } = setup();
      await openAdvanced();
      await user.type(screen.getByTestId(config.realtimeBufferMinutes), '30');
      await user.type(screen.getByTestId(config.realtimeIdleSeconds), '600');
      await user.type(screen.getByTestId(config.cacheSizeMB), '0');
      await user.type(screen.getByTestId(config.maxConcurrentCalls), '8');
      await user.type(screen.getByTestId(config.maxRetries), '-1');
      await user.type(screen.getByTestId(config.inspectorMaxPages), '1000');
      expect(latest().jsonData).toEqual({
        realtimeBufferMinutes: 30,
        realtimeIdleSeconds: 600,
        cacheSizeMB: 0,
        maxConcurrentCalls: 8,
        maxRetries: -1,
        inspectorMaxPages: 1000,
      });
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('shows an error and stores nothing for a value out of range', async () => {
      const { latest } = setup();
      await openAdvanced();
      await user.type(screen.getByTestId(config.realtimeBufferMinutes), '121');
      expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number from 1 to 120');
      expect(latest().jsonData).toEqual({});

      await user.clear(screen.getByTestId(config.realtimeBufferMinutes));
      await user.type(screen.getByTestId(config.maxConcurrentCalls), '0');
      expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number from 1 to 100');
      expect(latest().jsonData).toEqual({});

      await user.clear(screen.getByTestId(config.maxConcurrentCalls));
      await user.type(screen.getByTestId(config.maxRetries), '2.5');
      expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number from -1 to 10');
      expect(latest().jsonData).toEqual({});
    });

    it('drops a stored value once the input turns invalid', async () => {
      const { latest } = setup(settings({ jsonData: { realtimeIdleSeconds: 600, apiUrl: 'https://api.fastly.com' } }));
      expect(screen.getByTestId(config.realtimeIdleSeconds)).toHaveValue(600);
      await user.type(screen.getByTestId(config.realtimeIdleSeconds), '000');
      expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number from 30 to 86400');
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
      expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number from -1 to 10');
    });

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
