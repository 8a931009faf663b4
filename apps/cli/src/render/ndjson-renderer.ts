import type { Output } from '../output.js';
import type { Renderer } from './renderer.js';
import { resultRecord } from './result-record.js';

/** One JSON line per result as it completes, and nothing else (`run` is added in compare mode). */
export function ndjsonRenderer(out: Output): Renderer {
  return {
    startRun: () => undefined,
    result: (result, context) => out.write(`${JSON.stringify(resultRecord(result, context))}\n`),
    end: () => undefined,
  };
}
