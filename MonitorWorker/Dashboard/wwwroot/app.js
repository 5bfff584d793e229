// pi-stat dashboard: charts of /api/history, appended live on every /api/stream event, markers from /api/events.
// Everything it loads comes from this agent; with an API key it sends the key in a header on every request.
(() => {
  'use strict';

  const $ = (selector) => document.querySelector(selector);
  const KEY = 'pistat.key';
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
    { id: 'power', title: 'Power', unit: 'W', match: /^power\./, label: (n) => n === 'power.total' ? 'total (input)' : n.slice(6) },
    { id: 'memory', title: 'Memory and swap', unit: 'bytes', match: /^(memory\.used|memory\.available|swap\.used)$/, label: (n) => n.replace('.', ' ') },
    { id: 'freq', title: 'CPU frequency', unit: 'MHz', match: /^cpu\.core\d+\.freq$/, label: (n) => 'core ' + n.split('.')[1].slice(4) },
    { id: 'gpufreq', title: 'GPU and memory controller frequency', unit: 'MHz', match: /^(gpu|emc)\.freq$/, label: (n) => n === 'gpu.freq' ? 'GPU' : 'EMC' },
    { id: 'clocks', title: 'Clocks (Raspberry Pi)', unit: 'MHz', match: /^pi\.(arm|core|sdram)\.freq$/, label: (n) => n.split('.')[1] },
    { id: 'volts', title: 'Core voltage (Raspberry Pi)', unit: 'V', match: /^pi\.core\.volts$/, label: () => 'core' },
    { id: 'engines', title: 'Engines (Jetson)', unit: 'MHz', match: /^engine\..+\.freq$/, label: (n) => n.slice(7, -5) },
    { id: 'net', title: 'Network', unit: 'rate', match: /^net\..+_bytes_per_s$/, label: (n) => n.slice(4).replace('.rx_bytes_per_s', ' in').replace('.tx_bytes_per_s', ' out') },
    { id: 'packets', title: 'Network packets', unit: '/s', match: /^net\..+_packets_per_s$/, label: (n) => n.slice(4).replace('.rx_packets_per_s', ' in').replace('.tx_packets_per_s', ' out') },
    { id: 'disk', title: 'Disk I/O', unit: 'rate', match: /^disk\.(read|write)_bytes_per_s$/, label: (n) => n.startsWith('disk.read') ? 'read' : 'write' },
    { id: 'diskops', title: 'Disk operations', unit: '/s', match: /^disk\.(reads|writes)_per_s$/, label: (n) => n.startsWith('disk.reads') ? 'reads' : 'writes' },
    { id: 'fs', title: 'Disk usage', unit: '%', fixed: [0, 100], match: /^fs\..+\.used_percent$/, label: (n) => n.slice(3, -13) },
    { id: 'fans', title: 'Fans', unit: 'rpm', match: /^fan\..+\.rpm$/, label: (n) => n.slice(4, -4) },
    { id: 'wifi', title: 'Wi-Fi signal', unit: 'dBm', match: /^wifi\..+\.dbm$/, label: (n) => n.slice(5, -4) },
    { id: 'load', title: 'Load average', unit: '', match: /^load\.(1|5|15)$/, label: (n) => n.slice(5) + ' min' },
  ];
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
    range: Number(localStorage.getItem('pistat.range')) in RANGES ? Number(localStorage.getItem('pistat.range')) : 3600,
  };
  const state = {
    key: sessionStorage.getItem(KEY),
    times: [],            // Unix seconds
    series: new Map(),    // name → { unit, avg: [], min: [] | null, max: [] | null }
    events: [],
    charts: new Map(),    // panel id → { u, panel, names, div } or a strip
    zoom: null,           // [min, max] while zoomed
    stats: null,
    stream: null,         // AbortController of the live stream
    fetching: false,
    pending: false,
    generation: 0,        // bumped on every reload, so a late answer of an old range is dropped
  };
  window.piStatDashboard = state; // for the browser tests and the curious

  class NeedKey extends Error {}

  // ---------- requests ----------
  async function request(path, init = {}) {
    const headers = state.key ? { Authorization: 'Bearer ' + state.key } : {};
    const response = await fetch(path, { ...init, headers, cache: 'no-store' });
    if (response.status === 401) throw new NeedKey();
    return response;
  }

  async function json(path) {
    const response = await request(path);
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    return response.json();
  }

  function askForKey() {
    const dialog = $('#key-dialog');
    $('#key-error').hidden = !state.key; // a key was sent and refused
    if (!dialog.open) dialog.showModal();
    $('#key-input').focus();
  }

  $('#key-form').addEventListener('submit', () => {
    state.key = $('#key-input').value.trim();
    sessionStorage.setItem(KEY, state.key);
    $('#key-input').value = '';
    reload();
  });

  // ---------- formatting ----------
  const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const DECIMAL = ['', 'k', 'M', 'G', 'T'];
  function scaled(v, base, prefixes) {
    let i = 0;
    while (Math.abs(v) >= base && i < prefixes.length - 1) { v /= base; i++; }
    return { v, p: prefixes[i] };
  }
  function digits(v) { return Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2; }
  function format(unit, v) {
    if (v == null || Number.isNaN(v)) return '–';
    switch (unit) {
      case '%': return v.toFixed(v >= 10 ? 0 : 1) + ' %';
      case 'temp': return v.toFixed(1) + (prefs.temp === 'F' ? ' °F' : ' °C');
      case 'MHz': return v >= 1000 ? (v / 1000).toFixed(2) + ' GHz' : v.toFixed(0) + ' MHz';
      case 'bytes': { const s = scaled(v, 1024, BINARY); return s.v.toFixed(digits(s.v)) + ' ' + s.p; }
      case 'rate': {
        const bits = prefs.rate === 'bits';
        const s = scaled(bits ? v * 8 : v, 1000, DECIMAL);
        return s.v.toFixed(digits(s.v)) + ' ' + s.p + (bits ? 'bit/s' : 'B/s');
      }
      case 'W': return v.toFixed(2) + ' W';
      case 'V': return v.toFixed(3) + ' V';
      case 'dBm': return v.toFixed(0) + ' dBm';
      case 'rpm': return v.toFixed(0) + ' rpm';
      case '/s': { const s = scaled(v, 1000, DECIMAL); return s.v.toFixed(digits(s.v)) + s.p + '/s'; }
      default: return v.toFixed(2);
    }
  }
  // Values as the chart holds them: temperatures in the chosen unit (rates stay bytes; the axis formats bits).
  function shown(unit, v) {
    if (v == null || Number.isNaN(v)) return null;
    return unit === 'temp' && prefs.temp === 'F' ? v * 9 / 5 + 32 : v;
  }
  function duration(seconds) {
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
    return d > 0 ? d + ' d ' + h + ' h' : h > 0 ? h + ' h ' + m + ' min' : m + ' min';
  }
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
    if (health.uptime != null) facts.push('up ' + duration(health.uptime));
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
        if (points.times.length === 0) continue;
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
    if (drop === 0) return;
    state.times.splice(0, drop);
    for (const s of state.series.values()) {
      s.avg.splice(0, drop);
      if (s.min) s.min.splice(0, drop);
      if (s.max) s.max.splice(0, drop);
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
        live.textContent = prefs.range <= LIVE_RANGE_MAX ? 'live' : 'live (coarse view refreshes each minute)';
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
  function seriesOf(panel) {
    return [...state.series.keys()].filter((n) => panel.match.test(n) && state.series.get(n).avg.some((v) => v != null)).sort(natural);
  }
  // Totals first (they get the first colour and the thicker line), then by name with numbers in order.
  const TOTALS = ['cpu.usage', 'power.total'];
  function natural(a, b) {
    const rank = (n) => TOTALS.includes(n) ? 0 : 1;
    return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
  }

  function layout() { return PANELS.map((p) => seriesOf(p).join(',')).join('|'); }

  function build() {
    state.layout = layout();
    for (const chart of state.charts.values()) chart.u && chart.u.destroy();
    state.charts.clear();
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
    updateBadges();
    updateTegrastats();
  }

  function chartData(panel, names) {
    const unit = panel.unit;
    return [state.times, ...names.map((n) => state.series.get(n).avg.map((v) => shown(unit, v)))];
  }

  function buildChart(panel, names, section, current) {
    const div = document.createElement('div');
    div.className = 'chart';
    div.setAttribute('role', 'img');
    section.append(div);
    const text = css('--muted'), grid = css('--grid');
    const opts = {
      width: Math.max(200, div.clientWidth || section.clientWidth - 20),
      height: 180,
      cursor: { sync: { key: 'pistat', setSeries: false }, drag: { x: true, y: false } },
      scales: { x: { time: true }, y: panel.fixed ? { range: panel.fixed } : { auto: true } },
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 70, values: (u, ticks) => ticks.map((v) => format(panel.unit, v)) },
      ],
      series: [
        { value: (u, v) => v == null ? '–' : new Date(v * 1000).toLocaleTimeString() },
        ...names.map((n, i) => ({
          label: panel.label(n),
          stroke: COLOURS[i % COLOURS.length],
          dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length],
          width: n === 'cpu.usage' || n === 'power.total' ? 2.5 : 1.5,
          spanGaps: false,
          points: { show: false },
          value: (u, v) => format(panel.unit, v),
        })),
      ],
      hooks: { drawAxes: [drawBands], draw: [drawEvents], setScale: [syncZoom] },
    };
    const u = new uPlot(opts, chartData(panel, names), div);
    const chart = { u, panel, names, div, current, hasBand: false };
    u.piStat = chart;
    state.charts.set(panel.id, chart);
    describe(chart);
    if (state.zoom) u.setScale('x', { min: state.zoom[0], max: state.zoom[1] });
  }

  // A coarse point's minimum and maximum, drawn as a band under its line so that a spike is never averaged away.
  function drawBands(u) {
    const chart = u.piStat;
    if (!chart) return;
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
    const full = state.times.length > 1 && min <= state.times[0] && max >= state.times[state.times.length - 1];
    state.zoom = full ? null : [min, max];
    syncing = true;
    for (const chart of state.charts.values()) {
      if (chart.u && chart.u !== u) chart.u.setScale('x', { min, max });
    }
    syncing = false;
    drawStrips();
  }

  function update() {
    for (const chart of state.charts.values()) {
      if (chart.u) {
        chart.u.setData(chartData(chart.panel, chart.names), !state.zoom);
        if (state.zoom) chart.u.setScale('x', { min: state.zoom[0], max: state.zoom[1] });
        describe(chart);
      }
    }
    drawStrips();
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
    chart.div && chart.div.setAttribute('aria-label', chart.panel.title + ' chart; newest: ' + parts.join(', '));
  }

  // ---------- throttling strip ----------
  function buildStrip(panel, names, section, current) {
    const strip = document.createElement('div');
    strip.className = 'strip';
    const rows = [];
    for (const [name, label] of CONDITIONS) {
      if (!names.includes(name)) continue;
      const span = document.createElement('span');
      span.textContent = label;
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.height = 18;
      strip.append(span, canvas);
      rows.push({ name, label, canvas });
    }
    const badges = document.createElement('div');
    badges.className = 'badges';
    badges.setAttribute('aria-label', 'Conditions now and since boot');
    section.append(strip, badges);
    state.charts.set(panel.id, { strip: true, panel, names, rows, badges, current, section });
    current.textContent = 'Red where the condition held (any moment of a coarse point).';
    drawStrips();
  }

  function drawStrips() {
    const chart = state.charts.get('throttle');
    if (!chart) return;
    const times = state.times;
    const [min, max] = state.zoom || [times[0], times[times.length - 1]];
    for (const row of chart.rows) {
      const canvas = row.canvas;
      const width = canvas.clientWidth || 300;
      canvas.width = Math.round(width * devicePixelRatio);
      canvas.height = Math.round(18 * devicePixelRatio);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = css('--off');
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      const s = state.series.get(row.name);
      let held = 0;
      if (s && times.length > 1 && max > min) {
        ctx.fillStyle = css('--on');
        const x = (t) => (t - min) / (max - min) * canvas.width;
        for (let k = 0; k < times.length; k++) {
          const v = s.max ? s.max[k] : s.avg[k];
          if (!(v > 0)) continue;
          const next = k + 1 < times.length ? times[k + 1] : times[k] + 1;
          ctx.fillRect(x(times[k]), 0, Math.max(1, x(next) - x(times[k])), canvas.height);
          held++;
        }
      }
      row.canvas.setAttribute('aria-label', row.label + ': ' + (held ? 'held at ' + held + ' points in view' : 'not seen in view'));
      row.canvas.dataset.held = String(held);
    }
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
    const dark = prefs.theme === 'dark' || (prefs.theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    $('#theme').textContent = 'Theme: ' + prefs.theme;
  }
  function applyUnits() {
    $('#temp-unit').textContent = 'Temperature: ' + (prefs.temp === 'F' ? '°F' : '°C');
    $('#rate-unit').textContent = 'Rates: ' + (prefs.rate === 'bits' ? 'bits/s' : 'bytes/s');
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
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => { save('range', Number(button.dataset.range)); applyUnits(); reload(); });
  }
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { if (prefs.theme === 'system') { applyTheme(); build(); } });

  let resizing = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => {
      for (const chart of state.charts.values()) {
        if (chart.u) chart.u.setSize({ width: Math.max(200, chart.div.clientWidth), height: 180 });
      }
      drawStrips();
    });
  }).observe($('#panels'));

  setInterval(() => { if (!document.hidden) refreshHeader().catch(handle); }, 10000);

  applyTheme();
  applyUnits();
  reload();
})();
