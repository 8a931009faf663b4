/** What process-probe.ts reports from inside a measured process (ms since the process's time origin). */
export interface ProbeReport {
  /** When the first HTTP request was created; undefined when none was. */
  readonly firstRequestMs: number | undefined;
  /** When the process began to exit. */
  readonly exitMs: number;
  /** User + system CPU time of the whole process. */
  readonly cpuMs: number;
  /** Peak resident set size (getrusage ru_maxrss), KiB. */
  readonly maxRssKb: number;
}
