// The fanout web page: runs over SSE (results as they arrive) and a compare drawn as SVG.
const $ = (selector) => document.querySelector(selector);
const form = $('#controls');
const list = $('#results');
const status = $('#status');
let source;

function query(withMode) {
  const params = new URLSearchParams({ ids: $('#ids').value.trim(), concurrency: $('#concurrency').value });
  if (withMode) params.set('mode', $('#mode').value);
  return params;
}

function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

async function explainFailure(url) {
  try {
    const response = await fetch(url);
    const body = await response.json();
    say(body.error ? `${body.error.code}: ${body.error.message}` : `Request failed (${response.status})`, true);
  } catch {
    say('The server cannot be reached.', true);
  }
}

function addResult(result) {
  const item = document.createElement('li');
  item.value = result.index + 1;
  const title = result.ok ? (result.data && result.data.title) || JSON.stringify(result.data) : `${result.error.name} ${result.error.code}: ${result.error.message}`;
  item.className = result.ok ? 'ok' : 'failed';
  item.textContent = title;
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${result.ok ? result.status : 'failed'} · ${Math.round(result.ms)} ms${result.attempts > 1 ? ` · ${result.attempts} attempts` : ''}`;
  item.append(meta);
  list.append(item);
}

function run(event) {
  event.preventDefault();
  source?.close();
  list.replaceChildren();
  const params = query(true);
  const url = `/api/posts/stream?${params}`;
  let received = 0;
  say('Running…');
  source = new EventSource(url);
  source.addEventListener('result', (message) => {
    received++;
    addResult(JSON.parse(message.data));
    say(`${received} received…`);
  });
  source.addEventListener('summary', (message) => {
    const summary = JSON.parse(message.data);
    source.close();
    say(`${summary.count} done · ${summary.ok} ok · ${summary.failed} failed · ${Math.round(summary.wallMs)} ms wall · p95 ${Math.round(summary.latency.p95)} ms`);
  });
  source.addEventListener('error', () => {
    source.close();
    if (received === 0) void explainFailure(`/api/posts?${params}`);
  });
}

function svg(name, attributes, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
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
  $('#speedup').textContent = `Concurrent was ${comparison.speedup.toFixed(2)}x faster with concurrency ${comparison.concurrency} (ideal ${comparison.idealSpeedup.toFixed(2)}x).`;
  $('#chart-section').hidden = false;
}

async function compare() {
  source?.close();
  const params = query(false);
  say('Comparing: sequential first, then concurrent…');
  try {
    const response = await fetch(`/api/compare?${params}`);
    const body = await response.json();
    if (!response.ok) return say(`${body.error.code}: ${body.error.message}`, true);
    drawChart(body);
    say(`Compared ${body.sequential.count} posts: ${Math.round(body.sequential.wallMs)} ms sequential, ${Math.round(body.concurrent.wallMs)} ms concurrent.`);
  } catch {
    say('The server cannot be reached.', true);
  }
}

form.addEventListener('submit', run);
$('#compare').addEventListener('click', () => void compare());
