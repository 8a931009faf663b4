import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTransportName, fanout, http1Transport } from '../../src/index.js';
import { collect } from '../helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('FANOUT_TRANSPORT picks the default transport', () => {
  it('http1 when unset or empty; the name given otherwise', () => {
    expect(defaultTransportName({})).toBe('http1');
    expect(defaultTransportName({ FANOUT_TRANSPORT: '' })).toBe('http1');
    expect(defaultTransportName({ FANOUT_TRANSPORT: 'axios' })).toBe('axios');
    expect(defaultTransportName({ FANOUT_TRANSPORT: 'undici' })).toBe('undici');
  });

  it('an unknown name is a RangeError that names the variable and the choices', () => {
    expect(() => defaultTransportName({ FANOUT_TRANSPORT: 'curl' })).toThrow(new RangeError('FANOUT_TRANSPORT must be one of http1, undici, axios; got "curl"'));
  });

  it('FANOUT_TRANSPORT=axios routes a run through node:http, so nock intercepts it (no code change)', async () => {
    vi.stubEnv('FANOUT_TRANSPORT', 'axios');
    nock.disableNetConnect();
    const scope = nock('http://api.test').get('/posts/1').reply(200, { id: 1 });
    const [result] = await collect(fanout(['http://api.test/posts/1'], { retry: 0 }));
    expect(result).toMatchObject({ ok: true, data: { id: 1 } });
    scope.done();
  });

  it('an explicit transport option wins over FANOUT_TRANSPORT', async () => {
    vi.stubEnv('FANOUT_TRANSPORT', 'axios');
    nock.disableNetConnect();
    nock('http://api.test').get('/posts/1').reply(200, { id: 1 });
    const transport = http1Transport();
    // http1 is on node:net: nock does not see it, and api.test does not resolve.
    const [result] = await collect(fanout(['http://api.test/posts/1'], { retry: 0, transport }));
    await transport.close();
    expect(result).toMatchObject({ ok: false, error: { name: 'NetworkError' } });
  });
});
