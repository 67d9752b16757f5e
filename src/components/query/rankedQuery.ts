import { TopN } from '../../types/query';

/** A query that charts metrics and may keep only its top N series. */
export interface RankedQuery {
  metrics: string[];
  topN?: TopN;
}

/** The query with top N set, or removed when topN is undefined or not allowed. */
export function withTopN<Q extends RankedQuery>(query: Q, topN: TopN | undefined, allowed = true): Q {
  const next: Q = { ...query };
  delete next.topN;
  if (topN && allowed) {
    next.topN = topN;
  }
  return next;
}

/** The query with new metrics; top N keeps ranking by one of them (the first when its metric was removed). */
export function withMetrics<Q extends RankedQuery>(query: Q, metrics: string[], allowed = true): Q {
  const topN = query.topN;
  if (!topN || metrics.includes(topN.metric)) {
    return { ...query, metrics };
  }
  return withTopN({ ...query, metrics }, metrics.length > 0 ? { ...topN, metric: metrics[0] } : undefined, allowed);
}
