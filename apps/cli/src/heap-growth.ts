import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's old generation from growing far past what is live. After each full GC V8 lets the
 * old generation grow by a factor it picks from GC and allocation speeds (up to 4×), so a run
 * with ~10 MB live let it reach 18-40 MB before the next full GC, depending on the moment: peak
 * RSS went 107-132 MB from run to run, more often high the longer the run. A fixed factor of 1.1
 * (V8 still grows by at least a few MB) holds it near live + 8 MB: peak RSS 104-108 MB for
 * 300,000 lines, the same CPU time. Read by V8 at each GC, so setting it at run time works.
 */
export function keepHeapGrowthSmall(): void {
  setFlagsFromString('--heap-growing-percent=10');
}
