import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fanout, type FanoutOptions, type RequestInput } from '../../src/index.js';
import { VERSION } from '../../src/version.js';
import { collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

// Answers with every User-Agent line it received (raw: a header sent twice shows twice).
const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const values = req.rawHeaders.flatMap((value, i) => (i % 2 === 1 && req.rawHeaders[i - 1]?.toLowerCase() === 'user-agent' ? [value] : []));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ agents: values }));
  }),
);

async function agentsSent(options: FanoutOptions, input: (url: string) => RequestInput = (url) => url): Promise<string[]> {
  const [result] = await collect(fanout([input(`${ctx.server.url}/ua`)], options));
  if (!result?.ok) throw new Error(`request failed: ${result?.error.message}`);
  return (result.data as { agents: string[] }).agents;
}

describe('User-Agent', () => {
  it('is fanout/<version> by default, the version being the package’s', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(version);
    expect(await agentsSent({})).toEqual([`fanout/${version}`]);
  });

  it('is the userAgent option when given', async () => {
    expect(await agentsSent({ userAgent: 'my-crawler/2.0' })).toEqual(['my-crawler/2.0']);
  });

  it('is a user-agent header of the headers option, in any case, sent once', async () => {
    expect(await agentsSent({ headers: { 'User-Agent': 'from-headers/1' }, userAgent: 'not-this/1' })).toEqual(['from-headers/1']);
  });

  it('is a request spec’s own header, over the run’s (one header, not two)', async () => {
    expect(await agentsSent({ headers: { 'user-agent': 'run/1' } }, (url) => ({ url, headers: { 'USER-AGENT': 'spec/1' } }))).toEqual(['spec/1']);
    expect(await agentsSent({}, (url) => ({ url, headers: { 'User-Agent': 'spec/2' } }))).toEqual(['spec/2']);
  });

  it('is not sent with userAgent: false (on the default transport)', async () => {
    expect(await agentsSent({ userAgent: false })).toEqual([]);
  });
});
