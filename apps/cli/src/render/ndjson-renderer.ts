import { serializeResult, type FetchResult, type RunMode } from '@fanout/core';
import type { Output } from '../output.js';
import type { Renderer } from './renderer.js';

/** One JSON line per result as it completes, and nothing else (`run` is added in compare mode). */
export function ndjsonRenderer(out: Output): Renderer {
  return {
    startRun: () => undefined,
    result(result: FetchResult, mode?: RunMode) {
      const line = serializeResult(result);
      out.write(`${JSON.stringify(mode ? { ...line, run: mode } : line)}\n`);
    },
    end: () => undefined,
  };
}
