import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8 from allocating straight into the old generation the objects of a site whose objects
 * once mostly survived a scavenge ("allocation-site pretenuring"). In `fanout worker` that
 * decision hit undici's response-header buffers (short-lived, but alive across a scavenge
 * while requests wait on Redis): sampled with the objects full GCs collect, 72 MB of them per
 * 50,000 requests went to the old generation (the CLI: 5 MB), and with the old generation kept
 * small (heap-growth.ts) that was 14-15 full GCs a run; with this, 5-6 (the CLI: 4). Old objects
 * pointing at young ones made each scavenge dearer too: per 50,000 inputs (bench scale-out
 * --vs-cli, 3 interleaved pairs, load 2.3) the worker's GC time fell from 470-485 to 300-335 ms
 * and its CPU from 5.0-5.3 to 4.4-5.2 s. V8 reads the flag as it decides, so setting it at run
 * time works.
 */
export function keepShortLivedObjectsYoung(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
