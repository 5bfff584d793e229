// The dashboard's charts (uPlot): one per panel, a throttling strip, aligned axes, min/max bands, event lines and a zoom
// shared by all of them.
import { state, format, shown, css } from './state.js';
import { isTotal, timeLabels as labelsAt } from './format.js';

// Okabe–Ito: eight colours told apart with the common colour-vision deficiencies; dashes beyond eight series.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];
export const CONDITIONS = [
  ['pi.under_voltage', 'Under-voltage', 'under_voltage'],
  ['pi.freq_capped', 'Frequency capped', 'freq_capped'],
  ['pi.throttled', 'Throttled', 'throttled'],
  ['pi.soft_temp_limit', 'Soft temp. limit', 'soft_temp_limit'],
  ['ups.on_battery', 'On battery', null], // the UPS strip's one row; its state is in /stats' ups, not in power
];

export function chartData(panel, names) {
  const unit = panel.unit;
  return [state.times, ...names.map((n) => state.series.get(n).avg.map((v) => shown(unit, v)))];
}

// ---------- axes ----------
// Every chart's y axis is as wide as the widest label any chart shows, so each plot starts at the same x and a
// time sits at the same place in every chart of a column (the throttling strip included). The width only grows
// while the page is built; a chart that needs more makes the others lay out again.
export const AXIS_MIN = 36;
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

export function buildChart(panel, names, section, current) {
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
export function keepZoom(u) {
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

export function update() {
  for (const chart of state.charts.values()) {
    chart.u.setData(chart.data(), !state.zoom);
    keepZoom(chart.u);
    if (!chart.strip) describe(chart);
  }
  updateBadges();
}

// The newest value of each series, in words: for a glance, and for screen readers (the chart's label).
export function describe(chart) {
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

export function buildStrip(panel, names, section, current) {
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


export function updateBadges() {
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

