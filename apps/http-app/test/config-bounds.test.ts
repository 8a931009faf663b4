import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

describe('the bounds on what clients may hold are settings, with documented defaults', () => {
  it('defaults: 16 calls, 4 per client, 1 MiB waiting per stream, 30 s write timeout', () => {
    expect(readConfig({})).toMatchObject({ maxCalls: 16, maxCallsPerClient: 4, streamBufferBytes: 1_048_576, writeTimeoutMs: 30_000 });
  });

  it('each is read from its variable', () => {
    const env = { MAX_CALLS: '64', MAX_CALLS_PER_CLIENT: '64', STREAM_BUFFER_BYTES: '65536', WRITE_TIMEOUT_MS: '5000' };
    expect(readConfig(env)).toMatchObject({ maxCalls: 64, maxCallsPerClient: 64, streamBufferBytes: 65_536, writeTimeoutMs: 5000 });
  });

  it.each([
    ['MAX_CALLS', '0'],
    ['MAX_CALLS', '1025'],
    ['MAX_CALLS_PER_CLIENT', '-1'],
    ['STREAM_BUFFER_BYTES', '1023'],
    ['STREAM_BUFFER_BYTES', '1e6'],
    ['WRITE_TIMEOUT_MS', '99'],
    ['WRITE_TIMEOUT_MS', '600001'],
  ])('%s=%s is refused with a ConfigError naming it', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(`${name}="${value}" is invalid`);
  });
});
