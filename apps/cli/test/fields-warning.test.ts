import { describe, expect, it } from 'vitest';
import { runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 0 });

describe('--fields', () => {
  it('warns once on stderr when a path matched nothing', async () => {
    const { code, stderr } = await runCli(['--ids', '1-5', '--base-url', demo.upstream.url, '--fields', 'title,titel', '-o', 'ndjson']);
    expect(code).toBe(0);
    expect(stderr.match(/warning: --fields titel matched nothing/g)).toHaveLength(1);
    expect(stderr).not.toMatch(/--fields title[^l]/);
  });
});
