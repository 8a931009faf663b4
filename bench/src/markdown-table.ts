/** A cell: text as is, a number with the given decimals (thousands separated), or `—` for NaN. */
export type Cell = string | { readonly value: number; readonly digits?: number; readonly suffix?: string };

function text(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell.value)) return '—';
  const digits = cell.digits ?? 0;
  return `${cell.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${cell.suffix ?? ''}`;
}

/** A Markdown table, padded so that it also reads well in a terminal; first column left, others right. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const cells = [headers, ...rows.map((row) => row.map(text))];
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(cells[0] as string[]), rule, ...cells.slice(1).map(line)];
}
