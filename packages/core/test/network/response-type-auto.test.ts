import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, errorOf, transportFor } from '../faults/fault-helpers.js';
import { byIndex, collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

const HTML = '<!doctype html><html><body><h1>Héllo</h1></body></html>';
const PAGES: Record<string, [string, string]> = {
  '/page': ['text/html; charset=utf-8', HTML],
  '/json': ['application/json; charset=utf-8', '{"a":1}'],
  '/problem': ['application/problem+json', '{"title":"nope"}'],
  '/text-json': ['text/plain', '{"a":1}'],
  '/latin1': ['text/plain; charset=iso-8859-1', 'caf\u00e9'],
};

const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const [type, body] = PAGES[req.url ?? ''] ?? ['text/plain', ''];
    const bytes = type.includes('8859-1') ? Buffer.from(body, 'latin1') : Buffer.from(body);
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
  }),
);

describe.each(TRANSPORTS)("responseType 'auto', the default (%s)", (transport) => {
  it('parses JSON when the content type says JSON (+json too), keeps anything else as text', async () => {
    const paths = Object.keys(PAGES);
    const results = byIndex(await collect(fanout(paths.map((path) => `${ctx.server.url}${path}`), { transport: transportFor(transport) })));
    expect(results.map((r) => r.ok && r.data)).toEqual([HTML, { a: 1 }, { title: 'nope' }, '{"a":1}', 'café']);
  });

  it("'json' still insists: an HTML page is a ParseError", async () => {
    const [result] = await collect(fanout([`${ctx.server.url}/page`], { responseType: 'json', transport: transportFor(transport) }));
    expect(errorOf(result)).toEqual({ name: 'ParseError', code: 'EPARSE', attempts: 1 });
  });
});
