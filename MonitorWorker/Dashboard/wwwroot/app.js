// pi-stat dashboard: charts of /api/history, appended live on every /api/stream event, markers from /api/events.
// Everything it loads comes from this agent; with an API key it sends the key in a header on every request (api.js).
import { $, NeedKey, request, json, askForKey, onKey, applyTheme as applyStoredTheme } from './api.js';
import { format as formatValue, shown as shownValue, duration, isInputRail, isTotal, natural, isVirtual, timeLabels as labelsAt } from './format.js';

const RANGES = { 300: 1, 3600: 3, 86400: 60, 604800: 900 }; // range (s) → step (s) asked of /api/history
const LIVE_RANGE_MAX = 3600;                                  // ranges served from the per-sample tier are appended live
// Okabe–Ito: eight colours told apart with the common colour-vision deficiencies; dashes beyond eight series.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];

// Panels in the order they are drawn; a panel is drawn when one of its series has data on this board.
const PANELS = [
  { id: 'cpu', title: 'CPU usage', unit: '%', fixed: [0, 100], match: /^cpu\.(usage|core\d+\.usage)$/, label: (n) => n === 'cpu.usage' ? 'total' : 'core ' + n.split('.')[1].slice(4) },
  { id: 'temp', title: 'Temperatures', unit: 'temp', match: /^temp\./, label: (n) => n.slice(5) },
  { id: 'throttle', title: 'Throttling (Raspberry Pi)', strip: true, match: /^pi\.(under_voltage|freq_capped|throttled|soft_temp_limit)$/ },
  { id: 'gpu', title: 'GPU and memory controller load', unit: '%', fixed: [0, 100], match: /^(gpu|emc)\.load$/, label: (n) => n === 'gpu.load' ? 'GPU' : 'EMC' },
  // A Jetson's input rail (VDD_IN, or POM_5V_IN before JetPack 5) is its total: drawn once, as the total.
  { id: 'power', title: 'Power', unit: 'W', match: /^power\./, keep: (n, all) => n !== 'power.total' || !all.some(isInputRail), label: (n) => n === 'power.total' ? 'total' : isInputRail(n) ? n.slice(6) + ' (total input)' : n.slice(6) },
  { id: 'memory', title: 'Memory and swap', unit: 'bytes', match: /^(memory\.used|memory\.available|swap\.used)$/, label: (n) => n.replace('.', ' ') },
  { id: 'freq', title: 'CPU frequency', unit: 'MHz', match: /^cpu\.core\d+\.freq$/, label: (n) => 'core ' + n.split('.')[1].slice(4) },
  { id: 'gpufreq', title: 'GPU and memory controller frequency', unit: 'MHz', match: /^(gpu|emc)\.freq$/, label: (n) => n === 'gpu.freq' ? 'GPU' : 'EMC' },
  { id: 'clocks', title: 'Clocks (Raspberry Pi)', unit: 'MHz', match: /^pi\.(arm|core|sdram)\.freq$/, label: (n) => n.split('.')[1] },
  { id: 'volts', title: 'Core voltage (Raspberry Pi)', unit: 'V', match: /^pi\.core\.volts$/, label: () => 'core' },
  // GR3D_FREQ and EMC_FREQ are the GPU and memory controller, already drawn under their own names.
  { id: 'engines', title: 'Engines (Jetson)', unit: 'MHz', match: /^engine\..+\.freq$/, keep: (n) => !/^engine\.(GR3D|EMC)_FREQ\.freq$/.test(n), label: (n) => n.slice(7, -5) },
  { id: 'net', title: 'Network', unit: 'rate', match: /^net\..+_bytes_per_s$/, keep: shownInterface, label: (n) => n.slice(4).replace('.rx_bytes_per_s', ' in').replace('.tx_bytes_per_s', ' out') },
  { id: 'packets', title: 'Network packets', unit: '/s', match: /^net\..+_packets_per_s$/, keep: shownInterface, label: (n) => n.slice(4).replace('.rx_packets_per_s', ' in').replace('.tx_packets_per_s', ' out') },
  { id: 'disk', title: 'Disk I/O', unit: 'rate', match: /^disk\.(read|write)_bytes_per_s$/, label: (n) => n.startsWith('disk.read') ? 'read' : 'write' },
  { id: 'diskops', title: 'Disk operations', unit: '/s', match: /^disk\.(reads|writes)_per_s$/, label: (n) => n.startsWith('disk.reads') ? 'reads' : 'writes' },
  { id: 'fs', title: 'Disk usage', unit: '%', fixed: [0, 100], match: /^fs\..+\.used_percent$/, label: (n) => n.slice(3, -13) },
  { id: 'fans', title: 'Fans', unit: 'rpm', match: /^fan\..+\.rpm$/, label: (n) => n.slice(4, -4) },
  { id: 'wifi', title: 'Wi-Fi signal', unit: 'dBm', match: /^wifi\..+\.dbm$/, label: (n) => n.slice(5, -4) },
  { id: 'load', title: 'Load average', unit: '', match: /^load\.(1|5|15)$/, label: (n) => n.slice(5) + ' min' },
];
// Container, bridge and VM interfaces are hidden until asked for, so the board's own links show.
function shownInterface(n) { return prefs.virtual || !isVirtual(n); }
const CONDITIONS = [
  ['pi.under_voltage', 'Under-voltage', 'under_voltage'],
  ['pi.freq_capped', 'Frequency capped', 'freq_capped'],
  ['pi.throttled', 'Throttled', 'throttled'],
  ['pi.soft_temp_limit', 'Soft temp. limit', 'soft_temp_limit'],
];

const prefs = {
  theme: localStorage.getItem('pistat.theme') || 'system',
  temp: localStorage.getItem('pistat.temp') || 'C',
  rate: localStorage.getItem('pistat.rate') || 'bytes',
  virtual: localStorage.getItem('pistat.virtual') === 'true',
  range: Number(localStorage.getItem('pistat.range')) in RANGES ? Number(localStorage.getItem('pistat.range')) : 3600,
};
const state = {
  times: [],            // Unix seconds
  series: new Map(),    // name → { unit, avg: [], min: [] | null, max: [] | null }
  events: [],
  charts: new Map(),    // panel id → { u, panel, names, div } or a strip
  zoom: null,           // [min, max] while zoomed
  stats: null,
  stream: null,         // AbortController of the live stream
  fetching: false,
  sampleSeconds: 1,     // the agent's sample interval, from the per-sample tier's step
  pending: false,
  generation: 0,        // bumped on every reload, so a late answer of an old range is dropped
};
window.piStatDashboard = state; // for the browser tests and the curious

onKey(() => reload());

// ---------- formatting (format.js), in the units chosen here ----------
function format(unit, v) { return formatValue(unit, v, prefs); }
function shown(unit, v) { return shownValue(unit, v, prefs.temp); }
function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

// ---------- header ----------
async function refreshHeader() {
  const [stats, health] = await Promise.all([json('/stats'), json('/health')]);
  state.stats = stats;
  state.statsAt = performance.now();
  const model = stats.hardware.model || stats.board;
  $('#model').textContent = model;
  document.title = 'pi-stat · ' + (health.hostname || model);
  const facts = [health.hostname, stats.board, 'pi-stat ' + health.version];
  if (health.system_uptime_seconds != null) facts.push('up ' + duration(health.system_uptime_seconds));
  $('#facts').textContent = facts.filter(Boolean).join(' · ');
  const box = $('#health');
  box.className = 'health ' + health.status;
  const reasons = Object.entries(health.checks).filter(([, c]) => c.status !== 'healthy').map(([name, c]) => name + ': ' + (c.description || c.status));
  $('#health-text').textContent = health.status + (reasons.length ? ' — ' + reasons.join('; ') : '');
  $('#version').textContent = 'pi-stat ' + health.version;
  const demo = $('#demo');
  demo.hidden = !stats.demo;
  demo.textContent = stats.demo ? 'Demo: the fixture board "' + stats.demo + '" with simulated readings, not this machine’s hardware.' : '';
  updateBadges();
  updateTegrastats();
}

// ---------- history ----------
function wanted() { return PANELS.map((p) => p.match); }

async function fetchHistory(start, end, step) {
  const points = { times: [], series: new Map() };
  let url = '/api/history?start=' + start + '&end=' + end + '&step=' + step;
  for (let page = 0; url && page < 20; page++) {
    const body = await json(url);
    points.tier = body.tier;
    const offset = points.times.length;
    points.times.push(...body.timestamps);
    for (const [name, s] of Object.entries(body.series)) {
      if (!wanted().some((m) => m.test(name))) continue;
      let target = points.series.get(name);
      if (!target) {
        target = { unit: s.unit, avg: new Array(offset).fill(null), min: s.min ? new Array(offset).fill(null) : null, max: s.max ? new Array(offset).fill(null) : null };
        points.series.set(name, target);
      }
      target.avg.push(...s.avg);
      if (target.min) target.min.push(...(s.min || s.avg));
      if (target.max) target.max.push(...(s.max || s.avg));
    }
    for (const s of points.series.values()) {
      while (s.avg.length < points.times.length) { s.avg.push(null); if (s.min) s.min.push(null); if (s.max) s.max.push(null); }
    }
    url = body.next_url;
  }
  return points;
}

// The agent's clock, not this device's: the newest /stats timestamp moved on by the time since it was read.
function now() {
  return Math.floor(state.stats ? state.stats.timestamp + (performance.now() - state.statsAt) / 1000 : Date.now() / 1000);
}

async function reload() {
  const generation = ++state.generation;
  stopStream();
  try {
    await refreshHeader();
    const end = now();
    const range = prefs.range;
    const points = await fetchHistory(end - range, end, RANGES[range]);
    const events = await json('/api/events?start=' + (end - range) + '&end=' + (end + 3600));
    if (generation !== state.generation) return;
    $('#key-dialog').open && $('#key-dialog').close();
    state.times = points.times;
    state.series = points.series;
    // The per-sample tier's step is the agent's sample interval (PISTAT_SAMPLE_SECONDS), "5s" for one every 5 s.
    if (/^\d+s$/.test(points.tier || '')) state.sampleSeconds = parseInt(points.tier, 10);
    state.events = events.events;
    state.zoom = null;
    state.loadedAt = performance.now();
    build();
    renderEvents();
    if (!document.hidden) startStream();
  } catch (e) {
    handle(e);
    // The agent not ready yet (503 before its first sample) or unreachable: try again, unless it wants a key.
    if (!(e instanceof NeedKey)) setTimeout(() => { if (generation === state.generation) reload(); }, 5000);
  }
}

function handle(e) {
  if (e instanceof NeedKey) { askForKey(); return; }
  if (e && e.name === 'AbortError') return;
  $('#live').textContent = 'error: ' + (e && e.message ? e.message : e);
  $('#live').className = 'live';
}

// Appends what the agent recorded after the newest point shown; called on every live event.
async function catchUp() {
  if (state.fetching) { state.pending = true; return; }
  state.fetching = true;
  const generation = state.generation;
  try {
    do {
      state.pending = false;
      const last = state.times.length ? state.times[state.times.length - 1] : now() - prefs.range;
      // A step of 1 s keeps the answer on the per-sample tier; the end leaves room for the agent's clock running ahead.
      const points = await fetchHistory(last + 1, Math.max(last + 1, now() + 30), 1);
      if (generation !== state.generation) return;
      // A point is stamped with the start of its step, so with a sample every few seconds the newest point shown can
      // come back: only later ones are appended.
      const skip = points.times.findIndex((t) => t > last);
      if (skip < 0) continue;
      dropOldest(points, skip);
      const before = state.times.length;
      state.times.push(...points.times);
      for (const [name, s] of state.series) {
        const fresh = points.series.get(name);
        for (let i = 0; i < points.times.length; i++) {
          const v = fresh ? fresh.avg[i] : null;
          s.avg.push(v);
          if (s.min) s.min.push(fresh && fresh.min ? fresh.min[i] : v);
          if (s.max) s.max.push(fresh && fresh.max ? fresh.max[i] : v);
        }
      }
      for (const [name, s] of points.series) {
        if (!state.series.has(name)) {
          state.series.set(name, { unit: s.unit, avg: new Array(before).fill(null).concat(s.avg), min: null, max: null });
        }
      }
      trim();
      // A series that gained its first value (a rate's second sample, an interface that came up) may add a panel.
      if (layout() !== state.layout) build(); else update();
      state.lastPoint = performance.now();
      document.body.dataset.points = String(state.times.length);
    } while (state.pending);
  } catch (e) {
    handle(e);
  } finally {
    state.fetching = false;
  }
}

function trim() {
  const oldest = state.times[state.times.length - 1] - prefs.range;
  let drop = 0;
  while (drop < state.times.length && state.times[drop] < oldest) drop++;
  dropOldest(state, drop);
}

// Drops the first `count` points of a { times, series } pair: what is shown, or an answer being appended.
function dropOldest(points, count) {
  if (count === 0) return;
  points.times.splice(0, count);
  for (const s of points.series.values()) {
    s.avg.splice(0, count);
    if (s.min) s.min.splice(0, count);
    if (s.max) s.max.splice(0, count);
  }
}

// ---------- live stream (Server-Sent Events read through fetch, so the key can go in a header) ----------
function startStream() {
  if (state.stream) return;
  const controller = new AbortController();
  state.stream = controller;
  const live = $('#live');
  (async () => {
    try {
      const response = await request('/api/stream', { signal: controller.signal });
      if (response.status === 503) {
        live.textContent = 'live updates refused: the agent has all the live clients it allows; retrying';
        live.className = 'live';
        setTimeout(() => { if (state.stream === controller) { state.stream = null; startStream(); } }, 15000);
        return;
      }
      if (!response.ok || !response.body) throw new Error('/api/stream: HTTP ' + response.status);
      live.textContent = prefs.range > LIVE_RANGE_MAX ? 'live (coarse view refreshes each minute)'
        : state.sampleSeconds > 1 ? 'live · a point every ' + state.sampleSeconds + ' s' : 'live';
      live.className = 'live on';
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!message.startsWith('event: tegrastats_update')) continue;
          if (prefs.range <= LIVE_RANGE_MAX) {
            catchUp();
          } else if (performance.now() - state.loadedAt > 60000) {
            reload(); // a coarse view gains a point a minute at most: read it again then
          }
        }
      }
      throw new Error('the live stream ended');
    } catch (e) {
      if (e instanceof NeedKey) { askForKey(); return; }
      if (controller.signal.aborted) return;
      live.textContent = 'reconnecting…';
      live.className = 'live';
      setTimeout(() => { if (state.stream === controller) { state.stream = null; if (!document.hidden) { catchUp(); startStream(); } } }, 3000);
    }
  })();
}

function stopStream() {
  if (state.stream) state.stream.abort();
  state.stream = null;
  $('#live').textContent = 'paused';
  $('#live').className = 'live';
}

// While the tab is hidden nothing is fetched; on return the gap is read from history and the stream resumes.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) { stopStream(); return; }
  if (prefs.range <= LIVE_RANGE_MAX) { catchUp(); startStream(); } else { reload(); }
});

// ---------- charts ----------
function withData(panel) {
  return [...state.series.keys()].filter((n) => panel.match.test(n) && state.series.get(n).avg.some((v) => v != null));
}
function seriesOf(panel) {
  const all = withData(panel);
  return all.filter((n) => !panel.keep || panel.keep(n, all)).sort(natural);
}
function layout() { return PANELS.map((p) => seriesOf(p).join(',')).join('|') + (hasVirtual() ? '|v' : ''); }
function hasVirtual() { return PANELS.some((p) => p.id === 'net' && withData(p).some(isVirtual)); }

function build() {
  state.layout = layout();
  for (const chart of state.charts.values()) chart.u.destroy();
  state.charts.clear();
  state.axisWidth = AXIS_MIN;
  const main = $('#panels');
  main.textContent = '';
  for (const panel of PANELS) {
    const names = seriesOf(panel);
    if (names.length === 0) continue;
    const section = document.createElement('section');
    section.className = 'panel';
    section.id = 'panel-' + panel.id;
    section.setAttribute('aria-labelledby', 'title-' + panel.id);
    const h2 = document.createElement('h2');
    h2.id = 'title-' + panel.id;
    h2.textContent = panel.title;
    const current = document.createElement('p');
    current.className = 'now';
    section.append(h2, current);
    main.append(section);
    if (panel.strip) buildStrip(panel, names, section, current);
    else buildChart(panel, names, section, current);
  }
  $('#virtual').hidden = !hasVirtual();
  updateBadges();
  updateTegrastats();
}

function chartData(panel, names) {
  const unit = panel.unit;
  return [state.times, ...names.map((n) => state.series.get(n).avg.map((v) => shown(unit, v)))];
}

// ---------- axes ----------
// Every chart's y axis is as wide as the widest label any chart shows, so each plot starts at the same x and a
// time sits at the same place in every chart of a column (the throttling strip included). The width only grows
// while the page is built; a chart that needs more makes the others lay out again.
const AXIS_MIN = 36;
let relayout = 0;
function textWidth(u, axis, text) {
  u.ctx.font = axis.font[0];
  return u.ctx.measureText(text).width / uPlot.pxRatio;
}
// The width of an axis's widest label line (a time label has the date on a second line).
function widestLabel(u, axis, values) {
  let widest = 0;
  for (const v of values || []) {
    for (const line of String(v).split('\n')) widest = Math.max(widest, textWidth(u, axis, line));
  }
  return widest;
}
function axisSize(u, values, axisIdx) {
  const axis = u.axes[axisIdx];
  const needed = Math.ceil(widestLabel(u, axis, values)) + axis.ticks.size + axis.gap + 2;
  if (needed > state.axisWidth) {
    state.axisWidth = needed;
    cancelAnimationFrame(relayout);
    relayout = requestAnimationFrame(() => {
      for (const chart of state.charts.values()) chart.u.redraw(false, true);
    });
  }
  return state.axisWidth;
}

// Time labels short enough for a phone (format.js); the space between them fits the widest.
function timeLabels(u, splits, axisIdx, space, incr) { return labelsAt(splits, incr); }
function timeSpace(u, axisIdx, min, max) {
  const axis = u.axes[axisIdx];
  const sample = new Date(2000, 11, 28, 23, 58, 58);
  const widest = max - min < 600 ? sample.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : sample.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return Math.max(50, Math.ceil(Math.max(textWidth(u, axis, widest), textWidth(u, axis, sample.toLocaleDateString([], { month: 'short', day: 'numeric' })))) + 16);
}

function axes(panel, values) {
  const text = css('--muted'), grid = css('--grid');
  return [
    { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, space: timeSpace, values: timeLabels },
    { stroke: text, grid: { stroke: grid, width: 1, show: !panel.strip }, ticks: { stroke: grid, show: !panel.strip }, size: axisSize, values },
  ];
}

// The legend says nothing until a point is hovered (the newest values are in the line above the chart).
function timeValue(u, v, si, idx) { return idx == null || v == null ? '' : new Date(v * 1000).toLocaleString(); }

// Room on the right for half the widest time label, so the last one is never cut off at the chart's edge.
function rightPadding(u) {
  const axis = u.axes[0];
  return Math.max(12, Math.ceil(widestLabel(u, axis, axis._values) / 2) + 2);
}

function chartOptions(panel, div, section, height) {
  return {
    width: Math.max(200, div.clientWidth || section.clientWidth - 20),
    height,
    padding: [null, rightPadding, null, null],
    cursor: { sync: { key: 'pistat', setSeries: false }, drag: { x: true, y: false } },
    hooks: {
      drawAxes: [drawBands],
      draw: [drawEvents],
      setScale: [syncZoom],
      // The legend shows values only while a point is hovered (CSS hides its empty entries otherwise).
      setCursor: [(u) => div.classList.toggle('hovering', u.cursor.idx != null)],
    },
  };
}

function chartDiv(section) {
  const div = document.createElement('div');
  div.className = 'chart';
  div.setAttribute('role', 'img');
  section.append(div);
  return div;
}

function buildChart(panel, names, section, current) {
  const div = chartDiv(section);
  const opts = {
    ...chartOptions(panel, div, section, CHART_HEIGHT),
    scales: { x: { time: true }, y: panel.fixed ? { range: panel.fixed } : { auto: true } },
    axes: axes(panel, (u, ticks) => ticks.map((v) => format(panel.unit, v))),
    series: [
      { label: '', value: timeValue },
      ...names.map((n, i) => ({
        label: panel.label(n),
        stroke: COLOURS[i % COLOURS.length],
        dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length],
        width: isTotal(n) ? 2.5 : 1.5,
        spanGaps: false,
        points: { show: false },
        value: (u, v, si, idx) => idx == null ? '' : format(panel.unit, v),
      })),
    ],
  };
  const u = new uPlot(opts, chartData(panel, names), div);
  const chart = { u, panel, names, div, current, hasBand: false, data: () => chartData(panel, names) };
  u.piStat = chart;
  state.charts.set(panel.id, chart);
  describe(chart);
  keepZoom(u);
}
const CHART_HEIGHT = 180;

// A zoom chosen before a rebuild or an update stays.
function keepZoom(u) {
  if (state.zoom) u.setScale('x', { min: state.zoom[0], max: state.zoom[1] });
}

// A coarse point's minimum and maximum, drawn as a band under its line so that a spike is never averaged away.
function drawBands(u) {
  const chart = u.piStat;
  if (!chart || chart.strip) return;
  const ctx = u.ctx;
  const times = u.data[0];
  let drew = false;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  chart.names.forEach((name, i) => {
    const s = state.series.get(name);
    if (!s || !s.min || !s.max) return;
    ctx.fillStyle = COLOURS[i % COLOURS.length];
    ctx.globalAlpha = Number(css('--band')) || 0.2;
    let run = [];
    const flush = () => {
      if (run.length > 0) {
        ctx.beginPath();
        run.forEach(([x, hi], k) => k === 0 ? ctx.moveTo(x, hi) : ctx.lineTo(x, hi));
        for (let k = run.length - 1; k >= 0; k--) ctx.lineTo(run[k][0] + (run.length === 1 ? 2 : 0), run[k][2]);
        ctx.closePath();
        ctx.fill();
        drew = true;
      }
      run = [];
    };
    for (let k = 0; k < times.length; k++) {
      const lo = shown(chart.panel.unit, s.min[k]), hi = shown(chart.panel.unit, s.max[k]);
      if (lo == null || hi == null) { flush(); continue; }
      run.push([u.valToPos(times[k], 'x', true), u.valToPos(hi, 'y', true), u.valToPos(lo, 'y', true)]);
    }
    flush();
  });
  ctx.restore();
  chart.hasBand = drew;
  chart.div.dataset.band = drew ? 'true' : 'false';
}

function drawEvents(u) {
  if (state.events.length === 0) return;
  const ctx = u.ctx;
  const [min, max] = [u.scales.x.min, u.scales.x.max];
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.setLineDash([4, 3]);
  for (const e of state.events) {
    if (e.time < min || e.time > max || e.kind === 'agent_start' && e.time < state.times[0]) continue;
    const x = Math.round(u.valToPos(e.time, 'x', true));
    ctx.strokeStyle = e.severity === 'critical' ? css('--bad') : e.severity === 'warning' ? css('--warn') : css('--muted');
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

let syncing = false;
function syncZoom(u, key) {
  if (key !== 'x' || syncing) return;
  const { min, max } = u.scales.x;
  // A zoom is a range inside the data. Anything else is the charts' own range: with a single point uPlot spans a
  // long stretch around it, which must not be kept as a zoom when the next points arrive.
  const times = state.times;
  const zoomed = times.length > 1 && (min > times[0] || max < times[times.length - 1]);
  state.zoom = zoomed ? [min, max] : null;
  syncing = true;
  for (const chart of state.charts.values()) {
    if (chart.u !== u) chart.u.setScale('x', { min, max });
  }
  syncing = false;
}

function update() {
  for (const chart of state.charts.values()) {
    chart.u.setData(chart.data(), !state.zoom);
    keepZoom(chart.u);
    if (!chart.strip) describe(chart);
  }
  updateBadges();
}

// The newest value of each series, in words: for a glance, and for screen readers (the chart's label).
function describe(chart) {
  const parts = chart.names.map((n) => {
    const avg = state.series.get(n).avg;
    let v = null;
    for (let k = avg.length - 1; k >= 0 && v == null; k--) v = avg[k];
    return chart.panel.label(n) + ' ' + format(chart.panel.unit, shown(chart.panel.unit, v));
  });
  chart.current.textContent = parts.join(' · ');
  chart.div.setAttribute('aria-label', chart.panel.title + ' chart; newest: ' + parts.join(', '));
}

// ---------- throttling strip: a chart of its own, on the same time axis as the others ----------
// Each condition is a row: its name over a bar that is red wherever the condition held (for a coarse point, at any
// moment of it). Row k spans k..k+1 on the y scale, the first row at the top.
const STRIP_ROW = 34;
function stripData(rows) {
  // A row exists only for a series with data (buildStrip), so each has its values.
  return [state.times, ...rows.map((row) => {
    const s = state.series.get(row.name);
    return (s.max || s.avg).map((v) => v == null ? null : v > 0 ? 1 : 0);
  })];
}

function buildStrip(panel, names, section, current) {
  const rows = CONDITIONS.filter(([name]) => names.includes(name)).map(([name, label]) => ({ name, label, held: 0 }));
  const div = chartDiv(section);
  div.classList.add('strip');
  const opts = {
    ...chartOptions(panel, div, section, rows.length * STRIP_ROW + 34),
    legend: { show: false },
    scales: { x: { time: true }, y: { range: [0, rows.length] } },
    axes: axes(panel, (u, ticks) => ticks.map(() => '')),
    series: [{}, ...rows.map(() => ({ paths: () => null, points: { show: false } }))],
  };
  opts.axes[1].splits = () => [];
  opts.hooks = { ...opts.hooks, draw: [drawRows, drawEvents] };
  const badges = document.createElement('div');
  badges.className = 'badges';
  badges.setAttribute('aria-label', 'Conditions now and since boot');
  section.append(badges);
  const chart = { strip: true, panel, names, rows, badges, current, section, div, data: () => stripData(rows) };
  const u = new uPlot(opts, chart.data(), div);
  chart.u = u;
  u.piStat = chart;
  state.charts.set(panel.id, chart);
  current.textContent = 'Red where the condition held (any moment of a coarse point).';
  keepZoom(u);
}

function drawRows(u) {
  const chart = u.piStat;
  const ctx = u.ctx;
  const times = u.data[0];
  const { left, top, width } = u.bbox;
  const rowHeight = u.bbox.height / chart.rows.length;
  const label = Math.round(13 * uPlot.pxRatio);
  const [min, max] = [u.scales.x.min, u.scales.x.max];
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, u.bbox.height);
  ctx.clip();
  ctx.font = Math.round(11.5 * uPlot.pxRatio) + 'px ' + getComputedStyle(document.body).fontFamily;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  chart.rows.forEach((row, r) => {
    const y = top + r * rowHeight + label;
    const h = rowHeight - label - Math.round(3 * uPlot.pxRatio);
    ctx.fillStyle = css('--off');
    ctx.fillRect(left, y, width, h);
    ctx.fillStyle = css('--on');
    const values = u.data[r + 1];
    let held = 0;
    let first = null; // the time the first red block in view begins, for the browser tests to line up
    for (let k = 0; k < times.length; k++) {
      if (values[k] !== 1 || times[k] > max) continue;
      const next = k + 1 < times.length ? times[k + 1] : times[k] + (times.length > 1 ? times[k] - times[k - 1] : 1);
      if (next < min) continue;
      const x0 = u.valToPos(times[k], 'x', true), x1 = u.valToPos(next, 'x', true);
      ctx.fillRect(x0, y, Math.max(uPlot.pxRatio, x1 - x0), h);
      held++;
      if (first == null && times[k] >= min) first = times[k];
    }
    ctx.fillStyle = css('--text');
    ctx.fillText(row.label, left + 2, top + r * rowHeight + 1);
    row.held = held;
    row.x = first;
  });
  ctx.restore();
  const words = chart.rows.map((row) => row.label + ': ' + (row.held ? 'held at ' + row.held + ' points in view' : 'not seen in view'));
  chart.div.setAttribute('aria-label', 'Throttling: ' + words.join('; '));
}


function updateBadges() {
  const chart = state.charts.get('throttle');
  const power = state.stats && state.stats.power;
  if (!chart || !power) return;
  chart.badges.textContent = '';
  for (const [, label, key] of CONDITIONS) {
    for (const [suffix, words] of [['', 'now'], ['_occurred', 'since boot']]) {
      const value = power[key + suffix];
      if (value == null) continue;
      const badge = document.createElement('span');
      badge.className = 'badge' + (value ? ' on' : '');
      badge.textContent = label + ' ' + words + ': ' + (value ? 'yes' : 'no');
      chart.badges.append(badge);
    }
  }
}

function updateTegrastats() {
  const chart = state.charts.get('gpu');
  const stats = state.stats;
  if (!chart || !stats || !stats.sources || !('tegrastats' in stats.sources)) return;
  const restarts = state.events.filter((e) => e.kind === 'tegrastats_restart').length;
  const section = $('#panel-gpu');
  let line = section.querySelector('.tegrastats');
  if (!line) {
    line = document.createElement('p');
    line.className = 'now tegrastats';
    chart.current.after(line);
  }
  line.textContent = 'tegrastats: ' + stats.sources.tegrastats + ' · restarts in view: ' + restarts;
}

// ---------- events list ----------
function renderEvents() {
  const list = $('#events');
  list.textContent = '';
  const shownEvents = state.events.slice(-50).reverse();
  if (shownEvents.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'Nothing happened in this range.';
    list.append(li);
  }
  for (const e of shownEvents) {
    const li = document.createElement('li');
    li.className = e.severity;
    li.textContent = new Date(e.time * 1000).toLocaleString() + ' — ' + e.message;
    list.append(li);
  }
}

// ---------- top processes: asked for only while the panel is open and the tab is visible ----------
const PROCESS_POLL_MS = 3000;
let processTimer = 0;
async function refreshProcesses() {
  const panel = $('#processes-panel');
  if (!panel.open || document.hidden) return;
  try {
    const body = await json('/api/processes?sort=cpu&limit=8');
    const rows = $('#processes tbody');
    rows.textContent = '';
    for (const p of body.processes) {
      const tr = document.createElement('tr');
      const cells = [p.command ? p.name : '[' + p.name + ']', String(p.pid), p.user ?? '–',
        p.cpu_percent == null ? '–' : p.cpu_percent.toFixed(1) + ' %',
        p.rss_bytes == null ? '–' : format('bytes', p.rss_bytes)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 0 && p.command) td.title = p.command;
        if (i >= 3) td.className = 'num';
        tr.append(td);
      });
      rows.append(tr);
    }
    $('#processes-note').textContent = body.cpu_window_seconds == null
      ? 'CPU over each process\'s life until the next reading; read from /proc only while this panel is open.'
      : 'CPU over the last ' + body.cpu_window_seconds.toFixed(0) + ' s; read from /proc only while this panel is open.';
  } catch (e) {
    handle(e);
  }
}
function scheduleProcesses() {
  clearInterval(processTimer);
  if ($('#processes-panel').open) {
    refreshProcesses();
    processTimer = setInterval(refreshProcesses, PROCESS_POLL_MS);
  }
}
$('#processes-panel').addEventListener('toggle', scheduleProcesses);

// ---------- controls ----------
function applyTheme() {
  applyStoredTheme(prefs.theme);
  $('#theme').textContent = 'Theme: ' + prefs.theme;
}
function applyUnits() {
  $('#temp-unit').textContent = 'Temperature: ' + (prefs.temp === 'F' ? '°F' : '°C');
  $('#rate-unit').textContent = 'Rates: ' + (prefs.rate === 'bits' ? 'bits/s' : 'bytes/s');
  $('#virtual').textContent = 'Virtual interfaces: ' + (prefs.virtual ? 'shown' : 'hidden');
  $('#virtual').setAttribute('aria-pressed', String(prefs.virtual));
  for (const button of document.querySelectorAll('[data-range]')) {
    button.setAttribute('aria-pressed', String(Number(button.dataset.range) === prefs.range));
  }
}
function save(name, value) { prefs[name] = value; localStorage.setItem('pistat.' + name, String(value)); }

$('#theme').addEventListener('click', () => {
  save('theme', { system: 'light', light: 'dark', dark: 'system' }[prefs.theme] || 'system');
  applyTheme();
  build();
});
$('#temp-unit').addEventListener('click', () => { save('temp', prefs.temp === 'C' ? 'F' : 'C'); applyUnits(); build(); });
$('#rate-unit').addEventListener('click', () => { save('rate', prefs.rate === 'bytes' ? 'bits' : 'bytes'); applyUnits(); build(); });
$('#virtual').addEventListener('click', () => { save('virtual', !prefs.virtual); applyUnits(); build(); });
for (const button of document.querySelectorAll('[data-range]')) {
  button.addEventListener('click', () => { save('range', Number(button.dataset.range)); applyUnits(); reload(); });
}
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { if (prefs.theme === 'system') { applyTheme(); build(); } });

let resizing = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => {
    for (const chart of state.charts.values()) {
      chart.u.setSize({ width: Math.max(200, chart.div.clientWidth), height: chart.u.height });
    }
  });
}).observe($('#panels'));

// Every 10 s: the header, and the events since the newest one shown (their lines on the charts and the list).
async function refreshEvents() {
  const since = state.events.length ? Math.floor(state.events[state.events.length - 1].time) : now() - prefs.range;
  const body = await json('/api/events?start=' + since + '&end=' + (now() + 3600));
  const id = (e) => e.time + ' ' + e.kind + ' ' + e.message;
  const known = new Set(state.events.map(id));
  const fresh = body.events.filter((e) => !known.has(id(e)));
  if (fresh.length === 0) return;
  state.events.push(...fresh);
  renderEvents();
  for (const chart of state.charts.values()) chart.u.redraw(false);
  updateTegrastats();
}
setInterval(() => { if (!document.hidden) refreshHeader().then(refreshEvents).catch(handle); }, 10000);

applyTheme();
applyUnits();
reload();
