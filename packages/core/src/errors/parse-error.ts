import { FanoutError } from './fanout-error.js';

/**
 * The response body could not become data. `EPARSE`: it was not valid JSON. `EJSONDEPTH`: its
 * JSON nests objects and arrays deeper than `maxJsonDepth` (checked before parsing, without
 * recursion), or a result's data given to `serializeResult` does: such data would crash every
 * recursive walk of it (`JSON.stringify`), so it fails alone instead.
 */
export class ParseError extends FanoutError {
  override readonly name = 'ParseError' as const;
  readonly code: 'EPARSE' | 'EJSONDEPTH';

  constructor(detail: string, options?: { cause?: unknown; code?: 'EPARSE' | 'EJSONDEPTH' }) {
    const code = options?.code ?? 'EPARSE';
    super(code === 'EJSONDEPTH' ? detail : `Response body is not valid JSON: ${detail}`, options);
    this.code = code;
  }

  /** The `EJSONDEPTH` error: `what` nests deeper than `maxDepth` levels. */
  static tooDeep(maxDepth: number, what = 'Response body'): ParseError {
    return new ParseError(`${what} nests JSON more than ${maxDepth} levels deep (maxJsonDepth)`, { code: 'EJSONDEPTH' });
  }
}
