import { DataQueryRequest, SupplementaryQueryOptions, SupplementaryQueryType } from '@grafana/data';

import { normalizeQuery } from '../query/defaults';
import { FastlyQuery, LogVolumeQuery } from '../types/query';

/** The refId of the log volume of a logs query: its own, prefixed, so that Explore can tell them apart. */
function logVolumeRefId(refId: string): string {
  return `log-volume-${refId}`;
}

/**
 * Explore's log volume of a logs query: a logVolume query of the same service, filters ("filter out value" included:
 * the backend drops those records as it does for the logs query) and limit, so both count the same records.
 */
export function logVolumeQuery(options: SupplementaryQueryOptions, query: FastlyQuery): LogVolumeQuery | undefined {
  const logs = normalizeQuery(query);
  if (options.type !== SupplementaryQueryType.LogsVolume || logs.queryType !== 'logs' || logs.hide) {
    return undefined;
  }
  return {
    refId: logVolumeRefId(logs.refId),
    ...(logs.datasource === undefined ? {} : { datasource: logs.datasource }),
    queryType: 'logVolume',
    services: logs.services,
    filters: logs.filters,
    limit: logs.limit,
  };
}

/** The request of Explore's log volume: one logVolume query per logs query of the request; none without one. */
export function logVolumeRequest(
  type: SupplementaryQueryType,
  request: DataQueryRequest<FastlyQuery>
): DataQueryRequest<FastlyQuery> | undefined {
  if (type !== SupplementaryQueryType.LogsVolume) {
    return undefined;
  }
  const targets = request.targets.flatMap((query) => logVolumeQuery({ type }, query) ?? []);
  return targets.length === 0 ? undefined : { ...request, targets, hideFromInspector: true };
}
