// `node bench/dist/downloads.js`: `fanout --output-dir DIR -c 16` against
// `curl --parallel --parallel-max 16` for the same N files of 1 MB served by nginx, whole
// processes, rounds interleaved (fanout, curl, fanout, curl, ...) since the machine is shared.
// Flags: --files N (500), --size-mb M (1), --concurrency C (16), --rounds R (5).
// Markdown to stdout, progress to stderr.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startNginx } from './nginx-upstream.js';
import { downloadsTable, runDownloads, writeDownloadFiles } from './scenario-downloads.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '500' },
    'size-mb': { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '5' },
  },
});
const files = Number(values.files);
const sizeBytes = Number(values['size-mb']) * 2 ** 20;
const log = (line: string) => process.stderr.write(`${line}\n`);
const loadBefore = loadavg();
const nginx = await startNginx(1, (root) => writeDownloadFiles(root, files, sizeBytes));
try {
  const result = await runDownloads(nginx.httpUrl, { files, sizeBytes, concurrency: Number(values.concurrency), rounds: Number(values.rounds) }, log);
  const loadAfter = loadavg();
  process.stdout.write(`${new Date().toISOString()} load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n\n`);
  process.stdout.write(`${downloadsTable(result).join('\n')}\n`);
} finally {
  await nginx.stop();
}
