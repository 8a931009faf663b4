#!/usr/bin/env node
// The `fanout` command. The code is bundled into dist/fanout.js (built by `npx nx run cli:build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/fanout.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('fanout: the CLI is not built yet.\nRun `npx nx run cli:build` (or `npm ci`, which builds everything) first.\n');
  process.exit(2);
}
await import(main.href);
