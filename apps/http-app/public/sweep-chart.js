// The sweep as a chart: one row per concurrency level, throughput and p95 as bars scaled to
// their largest value, the knee (the lowest level within 90 % of the top throughput) marked.
import { svg } from './svg.js';

const ROW = 26;
const BAR = 150;

export function drawSweep(node, levels, best) {
  node.replaceChildren();
  const top = Math.max(...levels.map((level) => level.throughput), 1);
  const slowest = Math.max(...levels.map((level) => level.p95), 1);
  node.setAttribute('viewBox', `0 0 600 ${ROW * (levels.length + 1)}`);
  node.append(svg('text', { class: 'head', x: 0, y: 14 }, 'concurrency'), svg('text', { class: 'head', x: 90, y: 14 }, 'throughput (req/s)'), svg('text', { class: 'head', x: 330, y: 14 }, 'p95 (ms)'));
  levels.forEach((level, i) => {
    const y = ROW * (i + 1);
    const knee = level.concurrency === best;
    const row = svg('g', { class: knee ? 'level knee' : 'level', 'data-concurrency': level.concurrency });
    const throughput = Math.max(1, (level.throughput / top) * BAR);
    const p95 = Math.max(1, (level.p95 / slowest) * BAR);
    row.append(
      svg('text', { x: 0, y: y + 15 }, String(level.concurrency)),
      svg('rect', { class: 'throughput', x: 90, y: y + 4, width: throughput, height: 14, rx: 2 }),
      svg('text', { x: 96 + throughput, y: y + 15 }, level.throughput.toFixed(1)),
      svg('rect', { class: 'p95', x: 330, y: y + 4, width: p95, height: 14, rx: 2 }),
      svg('text', { x: 336 + p95, y: y + 15 }, `${Math.round(level.p95)}`),
    );
    if (knee) row.append(svg('text', { class: 'knee-mark', x: 598, y: y + 15, 'text-anchor': 'end' }, '◀ knee'));
    node.append(row);
  });
}
