import { serializeResult, type FetchResult } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { resultLine } from '../src/index.js';

const ok = { index: 3, url: 'http://u:secret@example.org/x', ok: true, status: 200, data: { id: 7 }, attempts: 1, timing: { ms: 1.23, queuedMs: 0, wireMs: 1.2 } } as unknown as FetchResult;

describe("a worker's result line", () => {
  it("is the CLI's line with the job's index in the index's place", () => {
    const cli = JSON.stringify(serializeResult(ok));
    const { line, failed } = resultLine(ok, 42);
    expect(failed).toBe(false);
    expect(line).toBe(cli.replace('{"index":3,', '{"index":42,'));
  });

  it('never changes the result it was given', () => {
    resultLine(ok, 42);
    expect(ok.index).toBe(3);
  });
});
