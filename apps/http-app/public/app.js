// The fanout web page: a run, a compare or a sweep streamed from the API (NDJSON), drawn as it
// arrives. One action at a time: starting one clears what the last one showed.
import { ApiError, streamRecords } from './ndjson.js';
import { drawSweep } from './sweep-chart.js';
import { TimeScale, Timeline } from './timeline.js';
import { svg } from './svg.js';

const $ = (selector) => document.querySelector(selector);
const form = $('#controls');
const buttons = [$('#run'), $('#compare'), $('#sweep')];
const list = $('#results');
const status = $('#status');
const errorBox = $('#error');
const progress = $('#progress');
let current; // { controller } of the action going on
let upstreamShown = false;

function say(text) {
  status.textContent = text;
}

function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = text === '';
}

/** The query of an action: ids, concurrency, mode (for a run) and the demo upstream's settings. */
function query(withMode) {
  const params = new URLSearchParams({ ids: $('#ids').value.trim(), concurrency: $('#concurrency').value });
  if (withMode) params.set('mode', $('#mode').value);
  if (upstreamShown) {
    params.set('latency', $('#latency').value);
    params.set('failRate', String(Number($('#fail-rate').value) / 100));
  }
  return params;
}

function setProgress(done, total, text) {
  progress.max = Math.max(total, 1);
  progress.value = done;
  $('#progress-text').textContent = text;
}

/** Clears what the last action showed, disables the buttons and shows the progress. */
function begin() {
  current?.controller.abort();
  const action = { controller: new AbortController() };
  current = action;
  showError('');
  say('');
  list.replaceChildren();
  for (const id of ['#timeline-section', '#chart-section', '#sweep-section']) $(id).hidden = true;
  for (const button of buttons) button.disabled = true;
  $('#stop').hidden = false;
  $('#busy').hidden = false;
  document.body.setAttribute('aria-busy', 'true');
  progress.removeAttribute('value');
  $('#progress-text').textContent = 'Starting…';
  return action;
}

function end(action) {
  if (current !== action) return;
  current = undefined;
  for (const button of buttons) button.disabled = false;
  $('#stop').hidden = true;
  $('#busy').hidden = true;
  document.body.removeAttribute('aria-busy');
}

/** Runs `work` as the one action going on; an API error or a lost server shows in the error box. */
async function act(work) {
  const action = begin();
  try {
    await work(action.controller.signal, action);
  } catch (error) {
    if (current !== action) return;
    if (action.controller.signal.aborted) say('Stopped.');
    else showError(error instanceof ApiError ? error.message : 'The server cannot be reached.');
  } finally {
    end(action);
  }
}

function addResult(result, run) {
  const item = document.createElement('li');
  item.className = result.ok ? 'ok' : 'failed';
  item.dataset.id = result.id;
  const id = document.createElement('span');
  id.className = 'id';
  id.textContent = `#${result.id}`;
  const text = result.ok ? (result.data && result.data.title) || JSON.stringify(result.data) : `${result.error.name} ${result.error.code}: ${result.error.message}`;
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = [run, result.ok ? result.status : 'failed', `${Math.round(result.ms)} ms`, result.attempts > 1 ? `${result.attempts} attempts` : ''].filter(Boolean).join(' · ');
  item.append(id, ' ', text, ' ', meta);
  if (!result.ok) {
    const url = document.createElement('code');
    url.className = 'url';
    url.textContent = result.url;
    item.append(url);
  }
  list.append(item);
}

/** Shows the timelines of `runs` (one or both of sequential, concurrent) on one time scale. */
function timelines(runs, count, captions) {
  const scale = new TimeScale();
  const drawn = {};
  for (const run of ['sequential', 'concurrent']) {
    const figure = $(`#timeline-${run}`);
    figure.hidden = !runs.includes(run);
    if (figure.hidden) continue;
    figure.querySelector('figcaption').textContent = captions[run];
    drawn[run] = new Timeline(figure.querySelector('svg'), count, scale);
  }
  $('#speedup').textContent = '';
  $('#timeline-section').hidden = false;
  return drawn;
}

function run(event) {
  event.preventDefault();
  const params = query(true);
  void act(async (signal) => {
    const mode = params.get('mode');
    let lines;
    let count = 0;
    let received = 0;
    const start = (headers) => {
      count = Number(headers.get('x-input-count'));
      lines = timelines([mode], count, { [mode]: `${mode}, concurrency ${mode === 'sequential' ? 1 : params.get('concurrency')}` });
    };
    await streamRecords(`/api/posts/stream?${params}`, signal, start, (record) => {
      if (record.summary) {
        const s = record.summary;
        say(`${s.count} done · ${s.ok} ok · ${s.failed} failed · ${Math.round(s.wallMs)} ms wall · p95 ${Math.round(s.latency.p95)} ms`);
        return;
      }
      received++;
      addResult(record);
      lines[mode].add(record);
      setProgress(received, count, `${received} of ${count}`);
    });
  });
}

function drawChart(comparison) {
  const chart = $('#chart');
  const runs = [
    ['sequential', comparison.sequential.wallMs],
    ['concurrent', comparison.concurrent.wallMs],
  ];
  const longest = Math.max(...runs.map(([, ms]) => ms), 1);
  chart.replaceChildren();
  runs.forEach(([name, ms], row) => {
    const y = 8 + row * 40;
    const width = Math.max(2, (ms / longest) * 200);
    chart.append(svg('text', { x: 0, y: y + 17 }, name));
    chart.append(svg('rect', { class: `bar-${name}`, x: 72, y, width, height: 26, rx: 3 }));
    chart.append(svg('text', { x: 76 + width, y: y + 17 }, `${Math.round(ms)} ms`));
  });
  $('#chart-section').hidden = false;
}

function compare() {
  const params = query(false);
  void act(async (signal) => {
    let lines;
    let count = 0;
    let received = 0;
    const start = (headers) => {
      count = Number(headers.get('x-input-count'));
      lines = timelines(['sequential', 'concurrent'], count, { sequential: 'sequential (one at a time)', concurrent: `concurrent (${params.get('concurrency')} at a time)` });
    };
    await streamRecords(`/api/compare/stream?${params}`, signal, start, (record) => {
      if (record.comparison) {
        const c = record.comparison;
        drawChart(c);
        $('#speedup').textContent = `Concurrent was ${c.speedup.toFixed(2)}x faster with concurrency ${c.concurrency} (ideal ${c.idealSpeedup.toFixed(2)}x).`;
        say(`Compared ${c.sequential.count} posts: ${Math.round(c.sequential.wallMs)} ms sequential, ${Math.round(c.concurrent.wallMs)} ms concurrent.`);
        return;
      }
      received++;
      addResult(record, record.run);
      lines[record.run].add(record);
      setProgress(received, 2 * count, `${record.run}: ${received > count ? received - count : received} of ${count}`);
    });
  });
}

/** What the sweep found: its knee, or why there is none (a cut sweep has none: the levels it did not run might have been the best). */
function kneeText(record) {
  if (record.complete) return `Knee: concurrency ${record.best}, the lowest level within 90 % of the best throughput.`;
  if (record.sweep.length === 0) return 'No level finished in time: no knee found.';
  return `The time limit cut the sweep short after concurrency ${record.sweep.at(-1).concurrency}: no knee found (the levels that did not run might have been the best).`;
}

function sweep() {
  const params = query(false);
  void act(async (signal) => {
    const levels = [];
    let count = 0;
    let total = 0;
    let done = 0;
    const start = (headers) => {
      count = Number(headers.get('x-input-count'));
      total = count * headers.get('x-sweep-levels').split(',').length;
      $('#sweep-chart').replaceChildren();
      $('#knee').textContent = '';
      $('#sweep-section').hidden = false;
    };
    await streamRecords(`/api/sweep/stream?${params}`, signal, start, (record) => {
      if (record.progress) {
        done++;
        setProgress(done, total, `concurrency ${record.progress.concurrency}: ${record.progress.done} of ${record.progress.count}`);
      } else if (record.level) {
        levels.push(record.level);
        drawSweep($('#sweep-chart'), levels);
      } else if (record.sweep) {
        drawSweep($('#sweep-chart'), record.sweep, record.best);
        const failed = levels.reduce((n, level) => n + level.failed, 0);
        $('#knee').textContent = kneeText(record);
        say(`Swept ${count} posts at ${record.sweep.length} levels${failed > 0 ? `, ${failed} failed` : ''}.`);
      }
    });
  });
}

async function showUpstreamControls() {
  try {
    const response = await fetch('/api/upstream');
    const upstream = await response.json();
    if (!upstream.embedded) return;
    $('#latency').value = String(upstream.latency);
    $('#fail-rate').value = String(Math.round(upstream.failRate * 100));
    $('#upstream').hidden = false;
    upstreamShown = true;
  } catch {
    // Without the controls, the page still runs against the upstream as it is.
  }
}

form.addEventListener('submit', run);
$('#compare').addEventListener('click', compare);
$('#sweep').addEventListener('click', sweep);
$('#stop').addEventListener('click', () => current?.controller.abort());
void showUpstreamControls();
