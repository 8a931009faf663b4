import { serializeResult, type FetchResult, type SerializedResult } from '@fanout/core';
import type { ResultContext } from './renderer.js';

/** The NDJSON line of a result, plus `line` (the `--file` line) and `run` (compare) when known. */
export type ResultRecord = SerializedResult & { line?: number; run?: string };

export function resultRecord(result: FetchResult, context: ResultContext = {}): ResultRecord {
  const record: ResultRecord = serializeResult(result);
  if (context.line !== undefined) record.line = context.line;
  if (context.mode !== undefined) record.run = context.mode;
  return record;
}
