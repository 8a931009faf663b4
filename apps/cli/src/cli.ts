import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';
import { CliFailure, UsageError } from './usage-error.js';

export type { CliIo };
export { EXIT };

/**
 * Runs the fanout command line; resolves to the process exit code: 2 only for usage errors
 * (one line and a hint, never a stack trace), 1 for runtime failures.
 */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, version, async (run) => {
    code = await run();
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // A message may echo an argument or a variable (a URL, -x, HTTPS_PROXY): credentials hidden,
    // control characters escaped. Loaded here: --help and --version do not load core.
    const { shownText } = await import('./render/terminal-safe.js');
    if (error instanceof UsageError) {
      io.stderr.write(`fanout: ${shownText(error.message)}\n${error.hint}\n`);
      return EXIT.usage;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`fanout: ${shownText(error.message)}\n`);
      return error.exitCode;
    }
    const { message, code: errorCode } = error as NodeJS.ErrnoException;
    io.stderr.write(`fanout: ${shownText(`${message ?? String(error)}${errorCode ? ` (${errorCode})` : ''}`)}\n`);
    return EXIT.failures;
  }
}
