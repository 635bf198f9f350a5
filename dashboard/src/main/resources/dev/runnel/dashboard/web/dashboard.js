// The live dashboard: draws the job graph once from /api/graph, then updates every figure from the server-sent
// events of /events (one "figures" event a second). Charts are Chart.js, vendored from npm at build time.
'use strict';

const NODE_WIDTH = 260, NODE_HEIGHT = 62, COLUMN_GAP = 80, ROW_GAP = 22, MARGIN = 16;
const SVG = 'http://www.w3.org/2000/svg';
const charts = new Map();
let updates = 0;

function el(tag, attributes, text) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.substring(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function time(millis) {
  if (millis === null || millis === undefined) return '–';
  if (millis >= 8.64e15) return 'end of input';
  if (millis <= -8.64e15) return 'none yet';
  return new Date(millis).toISOString().replace('T', ' ').replace('.000Z', 'Z');
}

function number(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en-US');
}

function drawGraph(graph) {
  document.getElementById('job').textContent = graph.job;
  const svg = document.getElementById('graph');
  const position = new Map();
  let width = 0, height = 0;
  for (const node of graph.nodes) {
    const x = MARGIN + node.column * (NODE_WIDTH + COLUMN_GAP), y = MARGIN + node.row * (NODE_HEIGHT + ROW_GAP);
    position.set(node.id, { x, y });
    width = Math.max(width, x + NODE_WIDTH + MARGIN);
    height = Math.max(height, y + NODE_HEIGHT + MARGIN);
  }
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.style.maxWidth = width + 'px';
  const defs = el('svg:defs');
  const marker = el('svg:marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse' });
  marker.appendChild(el('svg:path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#7d8897' }));
  defs.appendChild(marker);
  svg.appendChild(defs);
  for (const edge of graph.edges) {
    const from = position.get(edge.from), to = position.get(edge.to);
    const x1 = from.x + NODE_WIDTH, y1 = from.y + NODE_HEIGHT / 2, x2 = to.x, y2 = to.y + NODE_HEIGHT / 2;
    const middle = (x1 + x2) / 2;
    svg.appendChild(el('svg:path', { class: 'edge', 'marker-end': 'url(#arrow)',
      d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`, 'data-from': edge.from,
      'data-to': edge.to }));
    if (edge.label) {
      svg.appendChild(el('svg:text', { class: 'edge-label', x: middle, y: (y1 + y2) / 2 - 5,
        'text-anchor': 'middle' }, edge.label));
    }
  }
  for (const node of graph.nodes) {
    const { x, y } = position.get(node.id);
    const group = el('svg:g', { class: 'node ' + node.kind, 'data-id': node.id, transform: `translate(${x},${y})` });
    group.appendChild(el('svg:rect', { width: NODE_WIDTH, height: NODE_HEIGHT }));
    group.appendChild(el('svg:text', { class: 'label', x: 8, y: 17 }, node.label));
    const detail = node.detail.length > 44 ? node.detail.substring(0, 43) + '…' : node.detail;
    group.appendChild(el('svg:text', { class: 'detail', x: 8, y: 33 }, detail));
    group.appendChild(el('svg:text', { class: 'figures', x: 8, y: 51 }, ''));
    group.appendChild(el('svg:title', {}, node.label + ': ' + node.detail));
    svg.appendChild(group);
  }
}

function nodeFigures(id, text) {
  const node = document.querySelector(`#graph g.node[data-id="${CSS.escape(id)}"] .figures`);
  if (node) node.textContent = text;
}

function fillTable(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...rows.map(row => {
    const tr = el('tr', row.attributes);
    for (const cell of row.cells) tr.appendChild(el('td', cell.attributes, cell.text ?? cell));
    return tr;
  }));
}

function update(figures) {
  updates++;
  document.getElementById('updates').textContent = updates;
  const status = document.getElementById('status');
  status.textContent = figures.status;
  status.className = 'status ' + figures.status;
  document.getElementById('updated').textContent = time(figures.atMillis);

  fillTable('stages', figures.stages.map(s => ({ attributes: { 'data-stage': s.stage }, cells: [
    s.stage, number(s.batches), { attributes: { class: 'in' }, text: number(s.recordsIn) },
    { attributes: { class: 'rate' }, text: s.recordsPerSecond.toFixed(1) }, number(s.written), number(s.filtered),
    number(s.deadLettered), number(s.retries),
    { attributes: { class: 'pending' }, text: number(s.pending) }, s.lagMillis + ' ms', time(s.watermark), number(s.ticks),
    number(s.shards.reduce((sum, shard) => sum + shard.commits, 0)),
    { attributes: { class: 'cost' }, text: s.costUsd === null || s.costUsd === undefined ? '–' : s.costUsd.toFixed(8) }]
  })));
  fillTable('shards', figures.stages.flatMap(s => s.shards.map(shard => ({ cells: [s.stage, shard.shard,
    number(shard.fetched), number(shard.batches), number(shard.pending), shard.millisBehind + ' ms', shard.checkpoint ?? '–',
    number(shard.commits), time(shard.watermark), shard.lastFailure ?? ''] }))));
  for (const s of figures.stages) {
    nodeFigures(s.stage, `in ${number(s.recordsIn)} · ${s.recordsPerSecond.toFixed(1)}/s · out ${number(s.written)}`
      + ` · pending ${number(s.pending)}` + (s.deadLettered ? ` · ✉ ${s.deadLettered}` : ''));
  }
  const withModels = figures.stages.filter(s => s.models);
  document.getElementById('models-section').hidden = withModels.length === 0;
  fillTable('models', withModels.map(s => ({ cells: [s.stage, number(s.models.prompts), number(s.models.requests),
    number(s.models.failed), number(s.models.reused), number(s.models.tokensIn), number(s.models.tokensOut),
    number(s.models.p50Millis), number(s.models.p99Millis)] })));

  const count = document.getElementById('dead-letter-count');
  count.textContent = figures.deadLetters.length;
  count.className = 'count' + (figures.deadLetters.length ? '' : ' zero');
  const letters = document.getElementById('dead-letters');
  letters.replaceChildren(...(figures.deadLetters.length === 0 ? [el('p', { class: 'empty' }, 'none')]
    : figures.deadLetters.map(d => {
      const box = el('div', { class: 'dead-letter' });
      box.appendChild(el('div', { class: 'where' }, `${d.stage} · ${d.shard} · seq ${d.sequenceNumber} · `
        + `[${d.errorType}${d.operator ? ' in ' + d.operator : ''}]`));
      box.appendChild(el('div', { class: 'error' }, d.error));
      box.appendChild(el('pre', { class: 'payload' }, d.payload));
      return box;
    })));

  const sinks = document.getElementById('sinks');
  sinks.replaceChildren(...figures.sinks.map(sink => {
    const box = el('div', { class: 'sink', 'data-sink': sink.name });
    box.appendChild(el('div', {}, `${sink.name} (${sink.kind}${sink.target ? ' ' + sink.target : ''}): `));
    box.firstChild.appendChild(el('span', { class: 'sink-count' }, number(sink.count)));
    box.appendChild(el('pre', {}, sink.latest.length ? sink.latest.join('\n') : 'nothing yet'));
    return box;
  }));
  for (const node of document.querySelectorAll('#graph g.node.sink')) {
    const sink = figures.sinks.find(s => 'sink:' + s.name === node.dataset.id);
    if (sink) nodeFigures(node.dataset.id, `${number(sink.count)} records`);
  }
  updateCharts(figures.charts);
}

const COLOURS = ['#1f8a3b', '#8d96a3', '#c0392b', '#3a6ea5', '#b08a3e', '#7b4ea3'];

function updateCharts(windowCharts) {
  document.getElementById('charts-section').hidden = windowCharts.length === 0;
  if (windowCharts.length) {
    document.getElementById('charts-hint').textContent = windowCharts.map(c => `${c.sink}: per ${c.keyField ?? 'job'}`
      + ` and ${c.timeField}`).join(' · ');
  }
  for (const chart of windowCharts) {
    for (const series of chart.series) {
      const id = chart.sink + '|' + series.key;
      let entry = charts.get(id);
      if (!entry) {
        const box = el('div', { class: 'chart', 'data-chart': id });
        box.appendChild(el('h3', {}, (chart.keyField ? `${chart.keyField} ${series.key}` : chart.sink)));
        const canvasBox = el('div', { class: 'canvas-box' });
        const canvas = el('canvas');
        canvasBox.appendChild(canvas);
        box.appendChild(canvasBox);
        document.getElementById('charts').appendChild(box);
        entry = new Chart(canvas, { type: 'line', data: { labels: [], datasets: chart.fields.map((field, i) => ({
          label: field, data: [], borderColor: COLOURS[i % COLOURS.length],
          backgroundColor: COLOURS[i % COLOURS.length], tension: 0.25, pointRadius: 2 })) },
          options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } },
            plugins: { legend: { labels: { boxWidth: 10 } } } } });
        charts.set(id, entry);
      }
      entry.data.labels = series.times.map(t => t.length >= 16 ? t.substring(11, 16) : t);
      entry.data.datasets.forEach(dataset => { dataset.data = series.values[dataset.label] ?? []; });
      entry.update('none');
    }
  }
}

fetch('/api/graph').then(response => response.json()).then(graph => {
  drawGraph(graph);
  const events = new EventSource('/events');
  events.addEventListener('figures', event => update(JSON.parse(event.data)));
  events.onerror = () => {
    const status = document.getElementById('status');
    if (status.textContent !== 'finished') status.textContent = 'reconnecting';
  };
});
