import { describe, expect, it } from 'vitest';
import { runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 0 });
const ESC = '\u001b[';

describe('colour codes only where they can show', () => {
  const args = () => ['--ids', '1,101', '--base-url', demo.upstream.url, '--retries', '0'];

  it('none on a pipe, even with the FORCE_COLOR=true that nx gives every task', async () => {
    const { stdout, stderr } = await runCli(args(), { env: { NO_COLOR: undefined, FORCE_COLOR: 'true', NX_TASK_TARGET_PROJECT: 'cli' } });
    expect(stdout).toContain('✖ #2');
    expect(stdout + stderr).not.toContain(ESC);
  });

  it("a user's FORCE_COLOR outside nx still turns them on", async () => {
    const { stdout } = await runCli(args(), { env: { NO_COLOR: undefined, FORCE_COLOR: '1', NX_TASK_TARGET_PROJECT: undefined } });
    expect(stdout).toContain(ESC);
  });
});
