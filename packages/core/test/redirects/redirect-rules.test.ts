import { afterAll, describe, expect, it } from 'vitest';
import { createTransport, fanout, serializeResult, type FanoutOptions, type FetchResult, type RequestInput, type Transport, type TransportName } from '../../src/index.js';
import { byIndex, collect } from '../helpers.js';
import { useRedirectServers, type Echo } from './redirect-server.js';

const servers = useRedirectServers();
const transports = new Map<TransportName, Transport>();
afterAll(() => Promise.all([...transports.values()].map((transport) => transport.close())));

async function runOne(name: TransportName, input: RequestInput, options: FanoutOptions = {}): Promise<FetchResult> {
  let transport = transports.get(name);
  if (transport === undefined) transports.set(name, (transport = createTransport(name)));
  const [result] = byIndex(await collect(fanout([input], { retry: 2, timeout: 10_000, followRedirects: true, ...options, transport })));
  if (result === undefined) throw new Error('no result');
  return result;
}

const echoOf = (result: FetchResult): Echo => (result.ok ? (result.data as Echo) : expect.fail(`failed: ${result.error.message}`));

describe.each(['http1', 'undici', 'axios'] as const)('redirects followed by the core, on the %s transport', (name) => {
  it('a chain of 3: ok, with finalUrl and redirects', async () => {
    const result = await runOne(name, `${servers.a.url}/hop/3`);
    expect(result).toMatchObject({ ok: true, status: 200, finalUrl: `${servers.a.url}/hop/0`, redirects: 3, attempts: 1 });
    expect(serializeResult(result)).toMatchObject({ finalUrl: `${servers.a.url}/hop/0`, redirects: 3 });
  });

  it('no redirect: finalUrl is the URL and redirects 0', async () => {
    expect(await runOne(name, `${servers.a.url}/echo`)).toMatchObject({ ok: true, finalUrl: `${servers.a.url}/echo`, redirects: 0 });
  });

  it('more than 5 is ETOOMANYREDIRECTS, its own error, not retried', async () => {
    const result = await runOne(name, `${servers.a.url}/loop`);
    expect(result).toMatchObject({ ok: false, attempts: 1, redirects: 5, error: { name: 'TooManyRedirectsError', code: 'ETOOMANYREDIRECTS' } });
    expect(result.ok ? '' : result.error.message).toBe(`Too many redirects (more than 5): GET ${servers.a.url}/loop`);
    expect(serializeResult(result)).toMatchObject({ ok: false, error: { code: 'ETOOMANYREDIRECTS' } });
  });

  it('maxRedirects sets the limit: 2 follows /hop/2, fails /hop/3', async () => {
    expect(await runOne(name, `${servers.a.url}/hop/2`, { maxRedirects: 2 })).toMatchObject({ ok: true, redirects: 2 });
    expect(await runOne(name, `${servers.a.url}/hop/3`, { maxRedirects: 2 })).toMatchObject({ ok: false, error: { code: 'ETOOMANYREDIRECTS' } });
  });

  it('303 turns a POST into a GET without its body or Content-Type', async () => {
    const echo = echoOf(await runOne(name, { url: `${servers.a.url}/go/303`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
    expect(echo).toMatchObject({ method: 'GET', body: '', contentType: null });
  });

  it('301 and 302 turn a POST into a GET; a PUT stays a PUT', async () => {
    expect(echoOf(await runOne(name, { url: `${servers.a.url}/go/301`, method: 'POST', body: 'x' }))).toMatchObject({ method: 'GET', body: '' });
    expect(echoOf(await runOne(name, { url: `${servers.a.url}/go/302`, method: 'PUT', body: 'x' }))).toMatchObject({ method: 'PUT', body: 'x' });
  });

  it('307 and 308 keep the method and the body', async () => {
    for (const code of [307, 308]) {
      const echo = echoOf(await runOne(name, { url: `${servers.a.url}/go/${code}`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keep: code }) }));
      expect(echo).toMatchObject({ method: 'POST', body: JSON.stringify({ keep: code }), contentType: 'application/json' });
    }
  });

  it('to the same origin, Authorization and Cookie go along', async () => {
    const headers = { authorization: 'Bearer s3cret', cookie: 'session=1', 'x-custom': 'kept' };
    expect(echoOf(await runOne(name, { url: `${servers.a.url}/go/302?to=/echo`, headers }))).toMatchObject({ authorization: 'Bearer s3cret', cookie: 'session=1', custom: 'kept' });
  });

  it('to another origin, Authorization and Cookie are dropped (other headers kept)', async () => {
    const headers = { Authorization: 'Bearer s3cret', Cookie: 'session=1', 'x-custom': 'kept' };
    const result = await runOne(name, { url: `${servers.a.url}/go/302?to=${encodeURIComponent(`${servers.b.url}/echo`)}`, headers });
    expect(echoOf(result)).toMatchObject({ authorization: null, cookie: null, custom: 'kept' });
    expect(result).toMatchObject({ finalUrl: `${servers.b.url}/echo`, redirects: 1 });
  });

  it("a URL's user:password is not sent to another origin", async () => {
    const withCredentials = servers.a.url.replace('http://', 'http://user:pw@');
    const same = await runOne(name, `${withCredentials}/go/302?to=/echo`);
    expect(echoOf(same).authorization).toBe(`Basic ${Buffer.from('user:pw').toString('base64')}`);
    const other = await runOne(name, `${withCredentials}/go/302?to=${encodeURIComponent(`${servers.b.url}/echo`)}`);
    expect(echoOf(other).authorization).toBeNull();
  });

  it('a Location with credentials: they are not used, and not in finalUrl', async () => {
    const result = await runOne(name, `${servers.a.url}/go/302?to=${encodeURIComponent(servers.b.url.replace('http://', 'http://evil:pw@') + '/echo')}`);
    expect(echoOf(result).authorization).toBeNull();
    expect(result).toMatchObject({ finalUrl: `${servers.b.url}/echo` });
  });

  it('a 3xx without a Location, or to a non-http URL, fails as a 3xx (HttpError)', async () => {
    expect(await runOne(name, `${servers.a.url}/go/302?to=${encodeURIComponent('ftp://example.org/x')}`)).toMatchObject({ ok: false, status: 302, error: { code: 'EHTTP' } });
  });

  it('without followRedirects a 302 is an HttpError and the result has no finalUrl', async () => {
    const result = await runOne(name, `${servers.a.url}/hop/1`, { followRedirects: false });
    expect(result).toMatchObject({ ok: false, status: 302, error: { code: 'EHTTP' } });
    expect(result).not.toHaveProperty('finalUrl');
  });
});
