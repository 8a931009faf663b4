import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's old generation from growing far past what is live. After each full GC V8 lets the
 * old generation grow by a factor it picks from GC and allocation speeds (up to 4×): a run with
 * ~10 MB live (the same all along: no leak) reached 18-40 MB of old space before the next full
 * GC, depending on the moment, so peak RSS went 107-129 MB from run to run, higher the longer
 * the run (undici as the transport). A fixed factor of 1.1 (V8 still grows by at least a few MB)
 * holds it near live + 8 MB: peak RSS 103-107 MB for 100,000 and for 1,000,000 lines, the same
 * CPU time (with http1, which allocates less: 96-99 MB before, 94-98 MB after). V8 reads the
 * flag at each GC, so setting it at run time works (the young generation's size cannot be set so).
 */
export function keepHeapGrowthSmall(): void {
  setFlagsFromString('--heap-growing-percent=10');
}
