import { describe, expect, it } from 'vitest';
import { listeningUrl, startMain } from './main-process.js';

describe('SIGTERM while stdout is a closed pipe (`node dist/main.js | head -c 300`)', () => {
  it('still shuts down and exits 0', async () => {
    const main = startMain({ DEMO_LATENCY_MS: '0' });
    const url = await listeningUrl(main);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    main.child.stdout.destroy();

    main.child.kill('SIGTERM');

    expect(await main.exited).toBe(0);
    expect(main.stderr()).toBe('');
  });
});
