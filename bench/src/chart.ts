/** One bar of a chart: a label, a value and the text shown beside it. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Horizontal bar charts, one panel after another, as a standalone SVG document. */
export function barChartsSvg(panels: readonly { title: string; bars: readonly Bar[] }[]): string {
  const width = 780;
  const labelWidth = 260;
  const barArea = 400;
  const rowHeight = 26;
  let y = 10;
  const parts: string[] = [];
  for (const panel of panels) {
    y += 20;
    parts.push(`<text x="10" y="${y}" font-weight="bold">${escape(panel.title)}</text>`);
    y += 10;
    const longest = Math.max(...panel.bars.map((b) => b.value), 1e-9);
    for (const bar of panel.bars) {
      const w = Math.max(1, (bar.value / longest) * barArea);
      const colour = bar.label.includes('fanout') ? '#1a7f37' : '#8c959f';
      parts.push(`<text x="10" y="${y + 17}">${escape(bar.label)}</text>`);
      parts.push(`<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${colour}" rx="2"/>`);
      parts.push(`<text x="${labelWidth + w + 6}" y="${y + 17}">${escape(bar.text)}</text>`);
      y += rowHeight;
    }
    y += 10;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" viewBox="0 0 ${width} ${y + 10}" font-family="sans-serif" font-size="13">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`;
}
