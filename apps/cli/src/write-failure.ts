import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { OutputStop } from './output.js';

/** One line on stderr for results that could not be written; the write-failure exit code. */
export function reportWriteFailure(stop: OutputStop, io: CliIo): number {
  if (stop.kind === 'pipe-closed') return EXIT.ok;
  const why = stop.code === 'EBADF' ? 'stdout is not open for writing' : stop.code === 'ENOSPC' ? 'no space left on the device' : 'the write failed';
  io.stderr.write(`fanout: cannot write the results to stdout: ${why} (${stop.code})\n`);
  return EXIT.writeFailed;
}
