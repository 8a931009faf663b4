import type { FetchResult, RunMode } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import type { Output } from './output.js';
import { clip, formatMs } from '../render/format.js';
import { failureDetails } from '../render/failure-details.js';
import type { Renderer, ResultContext } from './renderer.js';
import { shownText, terminalSafe } from '../render/terminal-safe.js';

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

function describe(data: unknown, c: Colors): string {
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && ('title' in data || 'body' in data)) {
    const post = data as { title?: unknown; body?: unknown };
    const lines: string[] = [];
    if (post.title !== undefined) lines.push(`  ${c.bold('Title:')} ${terminalSafe(String(post.title))}`);
    if (post.body !== undefined) lines.push(`  ${c.bold('Body:')}  ${indent(terminalSafe(String(post.body), { lines: true }), '         ')}`);
    return lines.join('\n');
  }
  return `  ${c.dim(clip(terminalSafe(typeof data === 'string' ? data.replace(/\s+/g, ' ') : (JSON.stringify(data) ?? 'null')), 300))}`;
}

/** With `-i`: `  < name: value` per response header (control characters shown escaped). */
function headerLines(result: FetchResult, c: Colors): string {
  if (result.headers === undefined) return '';
  return Object.entries(result.headers)
    .map(([name, value]) => `  ${c.dim(`< ${terminalSafe(name)}: ${terminalSafe(value)}`)}\n`)
    .join('');
}

/** Readable results: a status line per request, then the post's Title and Body (or the data). */
export function textRenderer(out: Output, c: Colors): Renderer {
  return {
    startRun(mode: RunMode, concurrency: number) {
      const what = mode === 'sequential' ? 'one request at a time' : `concurrency ${concurrency}`;
      out.write(`${c.bold(c.cyan(`${mode === 'sequential' ? 'Sequential' : 'Concurrent'} run`))} ${c.dim(`(${what})`)}\n`);
    },
    result(result: FetchResult, context?: ResultContext) {
      const head = `${context?.line === undefined ? `#${result.index + 1}` : `line ${context.line}`}${result.url === '' ? '' : ` ${shownText(result.url)}`}`;
      const retried = result.attempts > 1 ? c.yellow(` after ${result.attempts} attempts`) : '';
      if (result.ok) {
        out.write(`${c.green('✔')} ${head} ${c.dim(`${result.status} in ${formatMs(result.timing.ms)}`)}${retried}\n${headerLines(result, c)}${describe(result.data, c)}\n`);
      } else {
        const { name, code, message } = result.error;
        const details = failureDetails(result.error).map((line) => `  ${c.dim(line)}\n`);
        out.write(`${c.red('✖')} ${head} ${c.red(terminalSafe(`${name} ${code}`))}: ${shownText(message)} ${c.dim(`in ${formatMs(result.timing.ms)}`)}${retried}\n${headerLines(result, c)}${details.join('')}`);
      }
    },
    end: () => undefined,
  };
}
