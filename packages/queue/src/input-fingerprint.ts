import { createHash, type Hash } from 'node:crypto';
import type { RequestInput } from '@fanout/core';

/**
 * A running SHA-256 of an input list, one input at a time: `digest()` is the fingerprint of the
 * inputs so far (the hash goes on), so a job records the fingerprint of what it was fed at each
 * chunk, and a resumed enqueue checks that its list starts with exactly those inputs.
 */
export class InputFingerprint {
  private readonly hash: Hash = createHash('sha256');

  add(input: RequestInput): void {
    this.hash.update(canonical(input)).update('\n');
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

function canonical(input: RequestInput): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  const body = input.body instanceof Uint8Array ? Buffer.from(input.body).toString('base64') : input.body;
  return JSON.stringify({ url: String(input.url), method: input.method, headers: input.headers, body });
}
