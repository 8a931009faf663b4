/** One change of a host's adaptive concurrency limit: from epoch ms `at` on, the limit was `limit`. */
export interface LimitPoint {
  readonly at: number;
  readonly limit: number;
}

/**
 * Halves a series that grew past its cap: keeps every other point, always the first and the
 * last (so the series still starts where it started and ends where it ends).
 */
export function thin(points: LimitPoint[]): void {
  if (points.length < 3) return;
  const last = points[points.length - 1] as LimitPoint;
  let kept = 0;
  for (let i = 0; i < points.length - 1; i += 2) points[kept++] = points[i] as LimitPoint;
  points[kept++] = last;
  points.length = kept;
}

/** The most points a host's limit keeps between two results (a run with no results for long thins them). */
const PENDING_CAP = 1024;

/**
 * The changes of one host's limit not yet handed to a result, recorded only with the `timeline`
 * option: a point when the integer limit changes, nothing else; bounded by thinning.
 */
export class LimitHistory {
  private pending: LimitPoint[] = [];

  /** Records that the limit became `limit` at `at` (epoch ms). */
  record(at: number, limit: number): void {
    if (this.pending.length >= PENDING_CAP) thin(this.pending);
    this.pending.push({ at, limit });
  }

  /** The changes since the last call (oldest first), or undefined when there were none. */
  take(): LimitPoint[] | undefined {
    if (this.pending.length === 0) return undefined;
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}
