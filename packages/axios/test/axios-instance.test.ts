import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { fanout } from '../../core/src/index.js';
import { axiosTransport } from '../src/index.js';
import { collect } from '../../core/test/helpers.js';
import { echo, startHttpServer, useServer, type Echo } from '../../core/test/network/network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

describe('axiosTransport({ instance })', () => {
  it("sends through the user's own axios instance: its interceptors run on every request", async () => {
    const instance = axios.create();
    const seen: string[] = [];
    instance.interceptors.request.use((config) => {
      seen.push(String(config.url));
      config.headers.set('x-intercepted', 'yes');
      return config;
    });
    const transport = axiosTransport({ instance });
    try {
      const urls = [`${ctx.server.url}/one`, `${ctx.server.url}/two`];
      const results = await collect(fanout(urls, { transport }));
      expect(results.map((r) => r.ok && (r.data as Echo).headers['x-intercepted'])).toEqual(['yes', 'yes']);
      expect(seen.sort()).toEqual(urls);
    } finally {
      await transport.close();
    }
  });

  it('keeps the transport contract on that instance: a 404 is a result, not an axios throw', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"nope"}'));
    const transport = axiosTransport({ instance: axios.create() });
    try {
      const [result] = await collect(fanout([`${server.url}/missing`], { transport }));
      expect(result).toMatchObject({ ok: false, status: 404, error: { name: 'HttpError' } });
    } finally {
      await transport.close();
      await server.close();
    }
  });
});
