import type { CliIo } from '../process/cli-io.js';
import { EXIT } from '../process/exit-codes.js';
import type { OutputStop } from './output.js';

/** One line on stderr for results that could not be written; the write-failure exit code. */
export function reportWriteFailure(stop: OutputStop, io: CliIo): number {
  if (stop.kind === 'pipe-closed') return EXIT.ok;
  if (stop.journal !== undefined) {
    const why = stop.code === 'ENOSPC' ? 'no space left on the device' : stop.code === 'EFBIG' ? 'the file size limit was reached' : 'the write failed';
    io.stderr.write(`fanout: cannot write the journal ${stop.journal}: ${why} (${stop.code}); it ends with its last whole line, results not in it were not printed and are fetched again on resume\n`);
    return EXIT.writeFailed;
  }
  const why = stop.code === 'EBADF' ? 'stdout is not open for writing' : stop.code === 'ENOSPC' ? 'no space left on the device' : 'the write failed';
  io.stderr.write(`fanout: cannot write the results to stdout: ${why} (${stop.code})\n`);
  return EXIT.writeFailed;
}
