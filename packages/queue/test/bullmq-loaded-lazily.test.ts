import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The built package (the test target builds it first), in a process of its own: what a
// `fanout results --follow` or `status` process loads.
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

function bullmqLoadedAfter(code: string): Promise<boolean> {
  const script = `
    import { createRequire } from 'node:module';
    const queue = await import(${JSON.stringify(DIST)});
    ${code}
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/bullmq/'));
    process.stdout.write(String(loaded));`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout === 'true'))),
  );
}

it("BullMQ is loaded only by what uses it (enqueue, worker, status): a follower's process never loads it", async () => {
  expect(await bullmqLoadedAfter('queue.parseQueueUrl("redis://127.0.0.1:6379/0");')).toBe(false);
  // The check sees it once loaded (as enqueue and worker do).
  expect(await bullmqLoadedAfter(`createRequire(${JSON.stringify(DIST)})('bullmq');`)).toBe(true);
}, 60_000);
