import { redactUrl } from '../base/redact-url.js';

/** The JSON form of an error's `cause`: what it was, its code if it had one, and its own cause. */
export interface SerializedCause {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
  readonly cause?: SerializedCause;
}

const MESSAGE_CHARS = 500;

/**
 * Serialises a `cause` chain to at most `depth` levels (a cycle or a long chain stays bounded):
 * name, code and message of each, whatever threw it.
 */
export function serializeCause(cause: unknown, depth: number): SerializedCause | undefined {
  if (cause === undefined || cause === null || depth <= 0) return undefined;
  if (typeof cause !== 'object') return { name: typeof cause, message: redactUrl(String(cause)).slice(0, MESSAGE_CHARS) };
  const { name, code, message } = cause as { name?: unknown; code?: unknown; message?: unknown };
  const json: { name: string; code?: string; message: string; cause?: SerializedCause } = {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? redactUrl(message).slice(0, MESSAGE_CHARS) : '',
  };
  if (typeof code === 'string' || typeof code === 'number') json.code = String(code);
  const inner = serializeCause((cause as { cause?: unknown }).cause, depth - 1);
  if (inner) json.cause = inner;
  return json;
}
