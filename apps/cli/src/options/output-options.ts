import { Option, type Command } from 'commander';
import { statusRanges, type StatusRange } from './ok-status.js';

export type OutputFormat = 'text' | 'json' | 'ndjson';
export type BodyType = 'auto' | 'json' | 'text';

/** What is printed, and how bodies become data. */
export interface OutputFlags {
  readonly output: OutputFormat;
  readonly fields?: string;
  readonly body: BodyType;
  readonly quiet?: boolean;
  readonly progress: boolean;
  /** `-i`: the response's status and headers in each result. */
  readonly include?: boolean;
  /** `--ok-status`: statuses (besides 2xx) that are data, not failures. */
  readonly okStatus?: readonly StatusRange[];
}

/** Adds `--fields` and `--body` (also taken by `enqueue`). */
export function addBodyOptions(command: Command): Command {
  return command
    .option('--fields <list>', 'keep only these fields of each JSON response, e.g. title,body or user.name')
    .addOption(new Option('--body <type>', 'how a response body becomes data: auto (JSON when the content type says so), json, text').choices(['auto', 'json', 'text']).default('auto'));
}

/** Adds the Output group for `run`. */
export function addOutputOptions(command: Command): Command {
  command
    .optionsGroup('Output:')
    .addOption(new Option('-o, --output <format>', 'result format on stdout').choices(['text', 'json', 'ndjson']).default('text'));
  addBodyOptions(command);
  return command
    .option('-i, --include', 'put the response status and headers in each result (ndjson: "headers", lower-case names)')
    .option('--ok-status <list>', 'statuses that are data, not failures, e.g. 404,410 or 400-499 (2xx always are)', statusRanges)
    .option('-q, --quiet', 'print nothing on stderr but errors').option('--no-progress', 'no progress bar, even on a terminal');
}
