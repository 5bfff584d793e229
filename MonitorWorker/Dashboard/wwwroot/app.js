// pi-stat dashboard: charts of /api/history, appended live on every /api/stream event, markers from /api/events.
// Everything it loads comes from this agent; with an API key it sends the key in a header on every request (api.js).
import { $, NeedKey, request, json, askForKey, onKey, applyTheme as applyStoredTheme } from './api.js';
import { duration, isInputRail, natural, isVirtual } from './format.js';
import { RANGES, prefs, state, format, shown, css } from './state.js';
import { AXIS_MIN, buildChart, buildStrip, update, updateBadges } from './charts.js';
import { watchProcesses } from './processes.js';

const LIVE_RANGE_MAX = 3600;                                  // ranges served from the per-sample tier are appended live

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
  // Sensors the kernel reads (IIO, hwmon sensor chips), the Pi 5's PMIC and a UPS: one panel per unit.
  { id: 'env-temp', title: 'Environment: temperature', unit: 'temp', match: /^sensor\.temperature\./, label: sensorLabel },
  { id: 'env-humidity', title: 'Environment: humidity', unit: '%', fixed: [0, 100], match: /^sensor\.humidity\./, label: sensorLabel },
  { id: 'env-pressure', title: 'Environment: pressure', unit: 'hPa', match: /^sensor\.pressure\./, label: sensorLabel },
  { id: 'env-light', title: 'Environment: light', unit: 'lx', match: /^sensor\.illuminance\./, label: sensorLabel },
  { id: 'power-sensors', title: 'Power: watts', unit: 'W', match: /^(sensor\.power\.|pi\.power\.watts$)/, label: (n) => n === 'pi.power.watts' ? 'PMIC estimate' : sensorLabel(n) },
  { id: 'power-volts', title: 'Power: volts', unit: 'V', match: /^(sensor\.voltage\.|pi\.ext5v\.volts$)/, label: (n) => n === 'pi.ext5v.volts' ? 'EXT5V (5 V input)' : sensorLabel(n) },
  { id: 'power-amps', title: 'Power: amperes', unit: 'A', match: /^sensor\.current\./, label: sensorLabel },
  { id: 'ups', title: 'UPS', unit: '%', fixed: [0, 100], match: /^ups\.(charge|load)$/, label: (n) => n === 'ups.charge' ? 'battery charge' : 'load' },
  { id: 'ups-state', title: 'UPS on battery', strip: true, match: /^ups\.on_battery$/ },
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
// A sensor series is sensor.<quantity>.<chip> <label>: the chart shows the chip and label.
function sensorLabel(n) { return n.slice(n.indexOf('.', 7) + 1); }
// Container, bridge and VM interfaces are hidden until asked for, so the board's own links show.
function shownInterface(n) { return prefs.virtual || !isVirtual(n); }

onKey(() => reload());


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

// ---------- top processes (processes.js) ----------
watchProcesses(handle);

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
