// Waterfalls of runs, drawn live as results arrive: one row per request (by its input position),
// a dashed line from the run's start while it waited to be sent, then a <rect> from its first
// attempt to its outcome. Every timeline on the page shares one time scale, so that runs one
// above the other compare at a glance.
import { place, svg } from './svg.js';

const WIDTH = 600;
const LABELS = 40;
const RIGHT = 10;
const AXIS = 22;

/** A round number of ms at least `ms` (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten). */
function roundUp(ms) {
  const power = 10 ** Math.floor(Math.log10(Math.max(ms, 1)));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((n) => n >= ms);
}

export class TimeScale {
  constructor() {
    this.spanMs = 100;
    this.timelines = [];
  }

  /** Widens the scale to hold `endMs` (and redraws every timeline) when it does not. */
  fit(endMs) {
    if (endMs <= this.spanMs) return;
    this.spanMs = roundUp(endMs * 1.1);
    for (const timeline of this.timelines) timeline.layout();
  }

  x(ms) {
    return LABELS + (Math.min(ms, this.spanMs) / this.spanMs) * (WIDTH - LABELS - RIGHT);
  }
}

export class Timeline {
  /** Draws into `node` (an <svg aria-label="timeline">) the `count` requests of a run. */
  constructor(node, count, scale) {
    this.node = node;
    this.scale = scale;
    this.bars = [];
    this.row = count <= 20 ? 16 : count <= 50 ? 9 : 5;
    const height = count * this.row + AXIS;
    place(node, { viewBox: `0 0 ${WIDTH} ${height}` });
    node.replaceChildren();
    const axisY = count * this.row + 4;
    node.append(svg('line', { class: 'axis', x1: LABELS, x2: WIDTH - RIGHT, y1: axisY, y2: axisY }));
    this.axisLabels = [0, 0.5, 1].map((share) => {
      const label = svg('text', { class: 'axis-label', y: axisY + 14, 'text-anchor': share === 0 ? 'start' : share === 1 ? 'end' : 'middle' });
      label.share = share;
      node.append(label);
      return label;
    });
    scale.timelines.push(this);
    this.layoutAxis();
  }

  /** One result of the run (the API's record: `index`, `startMs`, `ms`, `queuedMs`, `ok`, `attempts`). */
  add(result) {
    const y = result.index * this.row;
    const wait = svg('line', { class: 'wait', y1: y + this.row / 2, y2: y + this.row / 2 });
    const classes = ['request', result.ok ? 'ok' : 'failed', result.attempts > 1 ? 'retried' : ''].filter(Boolean).join(' ');
    const bar = svg('rect', { class: classes, y: y + this.row * 0.15, height: this.row * 0.7, rx: Math.min(2, this.row / 4), 'data-id': result.id });
    const what = result.ok ? `${result.status}` : `${result.error.code}`;
    bar.append(svg('title', {}, `#${result.id}: ${what}, sent after ${Math.round(result.startMs + result.queuedMs)} ms, ${Math.round(result.ms - result.queuedMs)} ms to its outcome (${Math.round(result.wireMs)} ms on the wire)${result.attempts > 1 ? `, ${result.attempts} attempts` : ''}`));
    this.node.append(wait, bar);
    if (this.row >= 9) this.node.append(svg('text', { class: 'row-label', x: LABELS - 4, y: y + this.row * 0.75, 'text-anchor': 'end' }, `#${result.id}`));
    const item = { result, wait, bar };
    this.bars.push(item);
    this.scale.fit(result.startMs + result.ms);
    this.layoutBar(item);
  }

  layoutBar({ result, wait, bar }) {
    // Every id was asked for when the run began: until it was sent, a request waited for a slot.
    const started = result.startMs + result.queuedMs;
    const end = result.startMs + result.ms;
    place(wait, { x1: this.scale.x(0), x2: this.scale.x(started) });
    const left = this.scale.x(started);
    place(bar, { x: left, width: Math.max(1.5, this.scale.x(end) - left) });
  }

  layoutAxis() {
    for (const label of this.axisLabels) {
      place(label, { x: this.scale.x(label.share * this.scale.spanMs) });
      label.textContent = `${Math.round(label.share * this.scale.spanMs)} ms`;
    }
  }

  layout() {
    for (const item of this.bars) this.layoutBar(item);
    this.layoutAxis();
  }
}
