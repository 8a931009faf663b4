/** The bench could not set up what it measures (a system command, nginx, an upstream) or a run broke. */
export class BenchError extends Error {
  override readonly name = 'BenchError';
  readonly code = 'EBENCH';
}
