// pi-stat fleet page: /api/monitoring/resources as a sortable table (cards on a phone) with a CPU and temperature
// sparkline per node from /api/monitoring/trends, both read again every 10 s.
import { $, NeedKey, json, askForKey, onKey, applyTheme } from './api.js';
import { format } from './format.js';

let nodes = [];
let sort = { by: localStorage.getItem('pistat.fleet.sort') || 'hostname', down: localStorage.getItem('pistat.fleet.down') === 'true' };
window.piStatFleet = { get nodes() { return nodes; }, get trends() { return trends; } };

applyTheme();

const value = {
  hostname: (n) => n.hostname || '',
  status: (n) => n.status,
  board: (n) => n.labels.board || '',
  cpu: (n) => n.cpu.usage_percent,
  temp: (n) => n.cpu.temperature_c,
  memory: (n) => n.memory.usage_percent,
  disk: (n) => n.flash.usage_percent,
  seen: (n) => n.last_seen || '',
};

function percent(v) { return format('%', v); }
function yesNo(v) { return v == null ? '–' : v ? 'yes' : 'no'; }

// Each node's recent CPU and temperature, by url (null: this node).
let trends = new Map();
async function loadTrends() {
  try {
    const body = await json('/api/monitoring/trends');
    trends = new Map(body.nodes.map((t) => [t.url, t]));
  } catch {
    trends = new Map(); // the table stands without its sparklines
  }
}

const SVG = 'http://www.w3.org/2000/svg';
const SPARK = { width: 120, height: 30 };
// CPU on a fixed 0–100 % scale; temperature on its own, from its lowest to its highest point in view (at least 10 °C).
function sparkline(trend) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + SPARK.width + ' ' + SPARK.height);
  svg.setAttribute('width', SPARK.width);
  svg.setAttribute('height', SPARK.height);
  svg.setAttribute('class', 'spark');
  const times = trend ? trend.timestamps : [];
  if (times.length < 2) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'no trend yet');
    return svg;
  }
  const t0 = times[0], span = Math.max(1, times[times.length - 1] - t0);
  const temps = trend.temperature_c.filter((v) => v != null);
  const coolest = Math.min(...temps), hottest = Math.max(...temps);
  const low = temps.length ? coolest : 0, high = Math.max(low + 10, temps.length ? hottest : 0);
  const line = (values, lo, hi, cls) => {
    let d = '';
    values.forEach((v, i) => {
      if (v == null) { d += ' '; return; }
      const x = (times[i] - t0) / span * (SPARK.width - 2) + 1;
      const y = SPARK.height - 2 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo) * (SPARK.height - 4);
      d += (d === '' || d.endsWith(' ') ? 'M' : 'L') + x.toFixed(1) + ',' + y.toFixed(1);
    });
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d.trim() || 'M0,0');
    path.setAttribute('class', cls);
    svg.append(path);
  };
  line(trend.cpu_usage_percent, 0, 100, 'cpu');
  if (temps.length) line(trend.temperature_c, low, high, 'temp');
  const cpu = trend.cpu_usage_percent.filter((v) => v != null);
  const minutes = Math.round(span / 60);
  const words = ['over the last ' + (minutes >= 1 ? minutes + ' min' : span + ' s')];
  // A board answering Prometheus text has no CPU line: its first series is drawn instead, on its own scale.
  const first = trend.gauges ? Object.keys(trend.gauges)[0] : undefined;
  const board = first !== undefined && !cpu.length ? trend.gauges[first].filter((v) => v != null) : [];
  if (board.length) {
    const lo = Math.min(...board), hi = Math.max(...board);
    line(trend.gauges[first], lo, hi > lo ? hi : lo + 1, 'cpu');
    words.push(first + ' ' + plain(lo) + '–' + plain(hi));
  }
  if (cpu.length) words.push('CPU ' + Math.min(...cpu).toFixed(0) + '–' + Math.max(...cpu).toFixed(0) + ' %');
  if (temps.length) words.push('temperature ' + coolest.toFixed(1) + '–' + hottest.toFixed(1) + ' °C');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', words.join(', '));
  const title = document.createElementNS(SVG, 'title');
  title.textContent = words.join(', ');
  svg.prepend(title);
  return svg;
}

// A board's number as it sent it, fractions cut to six significant digits (a count of 1060948 stays whole).
function plain(v) { return Number.isInteger(v) || Math.abs(v) >= 1e6 ? String(v) : String(Number(v.toPrecision(6))); }

// A board answering Prometheus text: its first samples under its name, each as its metric, its label values and value.
const READINGS_SHOWN = 8;
function readings(gauges) {
  const list = document.createElement('ul');
  list.className = 'readings';
  list.setAttribute('aria-label', 'Readings');
  for (const g of gauges.slice(0, READINGS_SHOWN)) {
    const item = document.createElement('li');
    const labels = Object.values(g.labels).join(' ');
    item.textContent = g.name + (labels ? ' ' + labels : '') + ' ' + (g.value == null ? '–' : plain(g.value));
    list.append(item);
  }
  if (gauges.length > READINGS_SHOWN) {
    const more = document.createElement('li');
    more.textContent = '… ' + (gauges.length - READINGS_SHOWN) + ' more';
    list.append(more);
  }
  return list;
}

async function load() {
  try {
    const [body] = await Promise.all([json('/api/monitoring/resources'), loadTrends()]);
    nodes = body.nodes;
    const s = body.summary;
    $('#facts').textContent = s.reachable_nodes + ' of ' + s.total_nodes + ' nodes answering · updated ' + new Date(body.timestamp).toLocaleTimeString();
    $('#summary').textContent = 'Averages over the nodes answering: CPU ' + percent(s.avg_cpu_usage_percent) + ', memory ' + percent(s.avg_memory_usage_percent) + ', disk ' + percent(s.avg_flash_usage_percent) + '.';
    render();
  } catch (e) {
    if (e instanceof NeedKey) { askForKey(); return; }
    $('#facts').textContent = 'error: ' + (e && e.message ? e.message : e);
  }
}

function render() {
  const rows = [...nodes];
  const pick = value[sort.by] || value.hostname;
  rows.sort((a, b) => {
    const x = pick(a), y = pick(b);
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { numeric: true });
    return sort.down ? -order : order;
  });
  const body = $('#nodes tbody');
  body.textContent = '';
  for (const n of rows) {
    const tr = document.createElement('tr');
    tr.className = n.status;
    tr.dataset.source = n.source || 'unknown';
    const name = document.createElement('td');
    const link = document.createElement('a');
    link.href = n.source === 'self' ? '/' : (n.url || '#');
    link.textContent = n.hostname || n.url || '?';
    name.append(link);
    if (n.source && n.source !== 'self') name.append(' (' + n.source + ')');
    if (n.gauges && n.gauges.length) name.append(readings(n.gauges));
    name.dataset.label = 'Node';
    const throttling = n.throttling.now ? 'now' : n.throttling.occurred ? 'past' : n.throttling.now === false ? 'never' : 'none';
    const cells = [
      ['Status', n.status === 'ok' ? 'ok' : 'unreachable' + (n.error ? ': ' + n.error : ''), 'status ' + n.status],
      ['Board', n.labels.board || '–'],
      ['CPU', percent(n.cpu.usage_percent), 'num'],
      ['Temp.', format('temp', n.cpu.temperature_c), 'num'],
      ['Memory', percent(n.memory.usage_percent), 'num'],
      ['Disk', percent(n.flash.usage_percent), 'num'],
      ['Throttling', yesNo(n.throttling.now) + ' / ' + yesNo(n.throttling.occurred), 'throttling ' + throttling],
      ['Last seen', n.last_seen ? new Date(n.last_seen).toLocaleTimeString() : 'never'],
    ];
    const trend = document.createElement('td');
    trend.dataset.label = 'Trend';
    trend.className = 'trend';
    trend.append(sparkline(trends.get(n.source === 'self' ? null : n.url)));
    tr.append(name, ...cells.map(([label, text, cls]) => {
      const td = document.createElement('td');
      td.textContent = text;
      td.dataset.label = label;
      if (cls) td.className = cls;
      return td;
    }), trend);
    body.append(tr);
  }
  for (const button of document.querySelectorAll('[data-sort]')) {
    const th = button.parentElement;
    th.setAttribute('aria-sort', button.dataset.sort === sort.by ? (sort.down ? 'descending' : 'ascending') : 'none');
  }
}

for (const button of document.querySelectorAll('[data-sort]')) {
  button.addEventListener('click', () => {
    sort = { by: button.dataset.sort, down: sort.by === button.dataset.sort ? !sort.down : false };
    localStorage.setItem('pistat.fleet.sort', sort.by);
    localStorage.setItem('pistat.fleet.down', String(sort.down));
    render();
  });
}

onKey(() => load());

setInterval(() => { if (!document.hidden) load(); }, 10000);
load();
