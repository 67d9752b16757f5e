import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
    await userEvent.type(screen.getByTestId(config.apiToken), 'tok3n');
    expect(latest().secureJsonData?.apiToken).toBe('tok3n');
    expect(latest().jsonData).toEqual({});
  });

  it('shows a saved token as configured and lets the user reset it', async () => {
    const { latest } = setup(settings({ secureJsonFields: { apiToken: true } }));
    expect(screen.getByTestId(config.apiToken)).toBeDisabled();
    expect(screen.getByTestId(config.apiToken)).toHaveValue('configured');

    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest().secureJsonFields.apiToken).toBe(false);
    expect(latest().secureJsonData?.apiToken).toBe('');
    expect(screen.getByTestId(config.apiToken)).toBeEnabled();

    await userEvent.type(screen.getByTestId(config.apiToken), 'new');
    expect(latest().secureJsonData?.apiToken).toBe('new');
  });

  it('shows the default endpoints as placeholders and stores overrides', async () => {
    const { latest } = setup();
    expect(screen.getByTestId(config.apiUrl)).toHaveAttribute('placeholder', 'https://api.fastly.com');
    expect(screen.getByTestId(config.realtimeUrl)).toHaveAttribute('placeholder', 'https://rt.fastly.com');

    await userEvent.type(screen.getByTestId(config.apiUrl), 'http://localhost:8080');
    await userEvent.type(screen.getByTestId(config.realtimeUrl), 'http://localhost:8081');
    expect(latest().jsonData).toEqual({ apiUrl: 'http://localhost:8080', realtimeUrl: 'http://localhost:8081' });
  });

  it('explains a URL that is not http or https once the user leaves the field', async () => {
    setup();
    await userEvent.type(screen.getByTestId(config.apiUrl), 'ftp://example.com');
    expect(screen.queryByText(/Only http:\/\/ and https:\/\/ URLs/)).not.toBeInTheDocument();
    await userEvent.tab();
    expect(screen.getByText('Only http:// and https:// URLs are supported, not ftp://')).toBeInTheDocument();

    await userEvent.clear(screen.getByTestId(config.apiUrl));
    await userEvent.type(screen.getByTestId(config.apiUrl), 'api.fastly.com');
    expect(screen.getByText('Enter a full URL starting with http:// or https://')).toBeInTheDocument();

    await userEvent.clear(screen.getByTestId(config.apiUrl));
    await userEvent.type(screen.getByTestId(config.apiUrl), 'https://proxy.example.com');
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
});
