import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('fanout with no arguments (the demo)', () => {
  it('prints posts 1, 2, 3 sequentially then concurrently, then both times and the speedup', async () => {
    const { code, stdout, stderr } = await runCli([]);

    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toMatch(/^fanout: upstream: embedded demo at http:\/\/127\.0\.0\.1:\d+/);
    const sequential = stdout.indexOf('Sequential run');
    const concurrent = stdout.indexOf('Concurrent run');
    expect(sequential).toBeGreaterThanOrEqual(0);
    expect(concurrent).toBeGreaterThan(sequential);
    for (const part of [stdout.slice(sequential, concurrent), stdout.slice(concurrent)]) {
      expect(part).toContain('Title: sunt aut facere repellat provident occaecati excepturi optio reprehenderit');
      expect(part).toContain('Body:  quia et suscipit');
      expect(part).toContain('Title: qui est esse');
      expect(part).toContain('Title: ea molestias quasi exercitationem repellat qui ipsa sit aut');
    }
    expect(stderr).toMatch(/sequential\s+█+\s+\d+ ms/);
    expect(stderr).toMatch(/concurrent\s+█+\s+\d+ ms/);
    expect(stderr).toMatch(/speedup\s+\d+\.\d\dx with concurrency 10 \(ideal \d+\.\d\dx for 3 requests\)/);
    expect(stdout).not.toContain('speedup');
  });
});
