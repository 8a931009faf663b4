import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('SIGTERM', () => {
  it('stops accepting, lets the in-flight response finish, then exits 0', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', DEMO_LATENCY_MS: '400' } });
    let logs = '';
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await expect.poll(() => /listening on (http:\S+)"/.exec(logs)?.[1], { timeout: 10_000 }).toBeTruthy();
    const url = /listening on (http:\S+)"/.exec(logs)?.[1] as string;

    const inFlight = fetch(`${url}/api/posts?ids=1,2`).then(async (r) => ({ status: r.status, body: (await r.json()) as { summary: { ok: number } } }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body.summary.ok).toBe(2);
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(logs).toContain('"signal":"SIGTERM"');
    expect(logs).toContain('"msg":"stopped"');
  });
});
