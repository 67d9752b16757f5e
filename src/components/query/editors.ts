import { DEFAULT_STATS_QUERY } from '../../query/defaults';
import { QueryOf, QueryType } from '../../types/query';
import { StatsQueryEditor } from './StatsQueryEditor';
import { SubEditor } from './types';

/** One sub-editor per query type the backend implements. */
export const queryEditors: { [T in QueryType]: SubEditor<QueryOf<T>> } = {
  stats: {
    label: 'Historical stats',
    description: 'Fastly Historical Stats: per-minute, hour or day counters per service',
    defaults: DEFAULT_STATS_QUERY,
    Component: StatsQueryEditor,
  },
};
