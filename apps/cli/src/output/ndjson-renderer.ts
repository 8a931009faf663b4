import type { Output } from './output.js';
import type { Renderer } from './renderer.js';
import { resultRecord } from './result-record.js';
import { jsonTerminalSafe } from '../render/terminal-safe.js';

/** One JSON line per result as it completes, and nothing else (`run` is added in compare mode); C1 and bidi controls as `\uXXXX`. */
export function ndjsonRenderer(out: Output): Renderer {
  return {
    startRun: () => undefined,
    result: (result, context) => out.write(`${jsonTerminalSafe(JSON.stringify(resultRecord(result, context)))}\n`),
    end: () => undefined,
  };
}
