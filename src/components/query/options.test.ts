import { resourceFixtures } from '../../testing/fixtures';
import { metricOptions, regionOptions, serviceOptions, unitLabel } from './options';

describe('editor options', () => {
  it('orders metric groups and keeps catalogue order inside a group', () => {
    const metrics = [
      ...resourceFixtures.metrics,
      { ...resourceFixtures.metrics[1], name: 'pass', label: 'Passes', group: 'traffic' as const },
    ];
    expect(metricOptions(metrics, 'stats').map((option) => `${option.group}:${option.value}`)).toEqual([
      'Traffic:requests',
      'Traffic:pass',
      'Cache:hits',
      'Status codes:status_5xx',
      'Bytes:bandwidth',
      'Timing:miss_time',
      'Derived:hit_ratio',
      'Compute:compute_requests',
    ]);
  });

  it('names units in words and keeps unknown unit ids', () => {
    expect(unitLabel('decbytes')).toBe('bytes');
    expect(unitLabel('percentunit')).toBe('ratio 0–1');
    expect(unitLabel('custom')).toBe('custom');
  });

  it('labels services by name, stores ids and tells VCL from Compute', () => {
    expect(serviceOptions(resourceFixtures.services)[2]).toMatchObject({
      label: 'edge-compute',
      value: 'XsjdElScZGjmfCcTwsYRC1',
      description: 'XsjdElScZGjmfCcTwsYRC1 · Compute',
    });
  });

  it('names known regions and keeps new ones as they come', () => {
    expect(regionOptions(['usa', 'mars'])).toEqual([
      { label: 'North America', value: 'usa', description: 'usa' },
      { label: 'mars', value: 'mars', description: 'mars' },
    ]);
  });
});
