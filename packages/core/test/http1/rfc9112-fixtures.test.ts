import { describe, expect, it } from 'vitest';
import { RESPONSE_FIXTURES } from './fixtures/rfc9112-responses.js';
import { byteByByte, parse } from './parse-bytes.js';

describe('response parser: cases derived from RFC 9112, whole and byte by byte', () => {
  it.each(RESPONSE_FIXTURES.map((fixture) => ({ ...fixture, label: `${fixture.rfc}: ${fixture.name}` })))('$label', (fixture) => {
    const bytes = Buffer.from(fixture.bytes, 'latin1');
    const options = { head: fixture.head === true, close: fixture.close === true };
    for (const pieces of [[bytes], byteByByte(bytes)]) {
      const parsed = parse(pieces, options);
      const expected = fixture.expect;
      if ('error' in expected) expect(parsed).toMatchObject({ error: expected.error, ended: 0 });
      else if ('incomplete' in expected) expect(parsed).toMatchObject({ error: undefined, ended: 0 });
      else expect({ status: parsed.status, body: parsed.body, keepAlive: parsed.keepAlive, ended: parsed.ended, error: parsed.error }).toEqual({ ...expected, ended: 1, error: undefined });
    }
  });
});
