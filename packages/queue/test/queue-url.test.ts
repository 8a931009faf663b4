import { describe, expect, it } from 'vitest';
import { checkJobName, parseQueueUrl, QueueUrlError } from '../src/index.js';

describe('parseQueueUrl', () => {
  it('reads host, port and database, with defaults', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/3')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 3 });
    expect(parseQueueUrl('redis://cache.internal')).toMatchObject({ host: 'cache.internal', port: 6379, db: 0 });
  });

  it.each([
    ['localhost:6379', /queue URL "localhost:6379" is not a redis:\/\/ or rediss:\/\/ URL/],
    ['http://127.0.0.1:6379/0', /is not a redis:\/\/ or rediss:\/\/ URL/],
    ['nope', /is not a URL/],
    ['redis://127.0.0.1:6379/x', /bad database number "x"/],
  ])('rejects %j', (text, reason) => {
    expect(() => parseQueueUrl(text)).toThrow(QueueUrlError);
    expect(() => parseQueueUrl(text)).toThrow(reason);
    // The library's errors speak its API, not the CLI's flags.
    expect(() => parseQueueUrl(text)).not.toThrow(/--queue/);
  });
});

describe('checkJobName', () => {
  it('allows plain names and rejects what would make odd Redis keys', () => {
    expect(checkJobName('crawl-2026.11_a')).toBe('crawl-2026.11_a');
    expect(() => checkJobName('a b')).toThrow(QueueUrlError);
    expect(() => checkJobName('')).toThrow(QueueUrlError);
  });
});
