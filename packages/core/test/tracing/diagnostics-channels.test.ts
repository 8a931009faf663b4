import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { useTracingServer } from './tracing-server.js';

const ctx = useTracingServer();
const events: { channel: string; message: Record<string, unknown> }[] = [];
const onStart = (message: unknown) => events.push({ channel: 'start', message: message as Record<string, unknown> });
const onEnd = (message: unknown) => events.push({ channel: 'end', message: message as Record<string, unknown> });

beforeEach(() => {
  ctx.reset();
  events.length = 0;
});
afterEach(() => {
  unsubscribe('fanout:request:start', onStart);
  unsubscribe('fanout:request:end', onEnd);
});

describe('diagnostics_channel: fanout:request:start and fanout:request:end', () => {
  it('one start and one end per HTTP request sent: retries and redirects each their own, with attempt and redirects', async () => {
    subscribe('fanout:request:start', onStart);
    subscribe('fanout:request:end', onEnd);
    const { url } = ctx.server;
    await collect(fanout([`${url}/flaky`], { retry: { limit: 1, backoff: { base: 1, max: 1 } } }));
    await collect(fanout([`${url.replace('http://', 'http://me:secret@')}/moved`], { followRedirects: true }));

    const plain = events.map(({ channel, message }) => ({ channel, ...message, id: typeof message.id, ms: typeof message.ms }));
    const start = (path: string, attempt: number, redirects: number, credentials = '') => ({ id: 'number', index: 0, method: 'GET', url: `${url.replace('http://', `http://${credentials}`)}${path}`, attempt, redirects });
    expect(plain).toEqual([
      { channel: 'start', ...start('/flaky', 1, 0), ms: 'undefined' },
      { channel: 'end', ...start('/flaky', 1, 0), status: 503, ms: 'number' },
      { channel: 'start', ...start('/flaky', 2, 0), ms: 'undefined' },
      { channel: 'end', ...start('/flaky', 2, 0), status: 200, ms: 'number' },
      // The URL sent carries no credentials (they went into Authorization).
      { channel: 'start', ...start('/moved', 1, 0), ms: 'undefined' },
      { channel: 'end', ...start('/moved', 1, 0), status: 302, ms: 'number' },
      { channel: 'start', ...start('/ok', 1, 1), ms: 'undefined' },
      { channel: 'end', ...start('/ok', 1, 1), status: 200, ms: 'number' },
    ]);
    // start and end of one request share an id; ids differ between requests.
    expect(new Set(events.map((event) => event.message.id)).size).toBe(4);
  });

  it('a request that fails without a response ends with its error', async () => {
    subscribe('fanout:request:end', onEnd);
    await collect(fanout(['http://127.0.0.1:1/refused'], { retry: 0 }));
    expect(events).toMatchObject([{ channel: 'end', message: { url: 'http://127.0.0.1:1/refused', error: { code: 'ECONNREFUSED' } } }]);
  });

  it('nothing is published, and the request is sent as is, when nobody subscribes', async () => {
    await collect(fanout([`${ctx.server.url}/ok`]));
    expect(events).toEqual([]);
    expect(ctx.seen).toEqual([{ path: '/ok', traceparent: undefined }]);
  });
});
