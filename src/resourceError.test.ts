import { resourceErrorMessage } from './resourceError';

describe('resourceErrorMessage', () => {
  it("prefers the backend's error body", () => {
    expect(resourceErrorMessage({ status: 502, data: { error: 'Fastly is unreachable' }, message: 'x' })).toBe(
      'Fastly is unreachable'
    );
  });

  it("falls back to Grafana's message, then the error's own", () => {
    expect(resourceErrorMessage({ status: 500, data: { message: 'Plugin unavailable' } })).toBe('Plugin unavailable');
    expect(resourceErrorMessage(new Error('Network error'))).toBe('Network error');
  });

  it('names the HTTP status when nothing else is known', () => {
    expect(resourceErrorMessage({ status: 504, statusText: 'Gateway Timeout', data: '' })).toBe(
      'Gateway Timeout (HTTP 504)'
    );
    expect(resourceErrorMessage(undefined)).toBe('The request failed');
  });
});
