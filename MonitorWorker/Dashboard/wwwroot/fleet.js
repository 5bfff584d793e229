// pi-stat fleet page: /api/monitoring/resources as a sortable table, read again every 10 s.
(() => {
  'use strict';

  const $ = (selector) => document.querySelector(selector);
  const KEY = 'pistat.key';
  let key = sessionStorage.getItem(KEY);
  let nodes = [];
  let sort = { by: localStorage.getItem('pistat.fleet.sort') || 'hostname', down: localStorage.getItem('pistat.fleet.down') === 'true' };
  window.piStatFleet = { get nodes() { return nodes; } };

  const theme = localStorage.getItem('pistat.theme') || 'system';
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';

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

  function percent(v) { return v == null ? '–' : v.toFixed(v >= 10 ? 0 : 1) + ' %'; }
  function yesNo(v) { return v == null ? '–' : v ? 'yes' : 'no'; }

  async function load() {
    try {
      const response = await fetch('/api/monitoring/resources', { headers: key ? { Authorization: 'Bearer ' + key } : {}, cache: 'no-store' });
      if (response.status === 401) {
        $('#key-error').hidden = !key;
        if (!$('#key-dialog').open) $('#key-dialog').showModal();
        return;
      }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const body = await response.json();
      nodes = body.nodes;
      const s = body.summary;
      $('#facts').textContent = s.reachable_nodes + ' of ' + s.total_nodes + ' nodes answering · updated ' + new Date(body.timestamp).toLocaleTimeString();
      $('#summary').textContent = 'Averages over the nodes answering: CPU ' + percent(s.avg_cpu_usage_percent) + ', memory ' + percent(s.avg_memory_usage_percent) + ', disk ' + percent(s.avg_flash_usage_percent) + '.';
      render();
    } catch (e) {
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
      const cells = [
        n.status === 'ok' ? 'ok' : 'unreachable' + (n.error ? ': ' + n.error : ''),
        n.labels.board || '–',
        percent(n.cpu.usage_percent),
        n.cpu.temperature_c == null ? '–' : n.cpu.temperature_c.toFixed(1) + ' °C',
        percent(n.memory.usage_percent),
        percent(n.flash.usage_percent),
        yesNo(n.throttling.now) + ' / ' + yesNo(n.throttling.occurred),
        n.last_seen ? new Date(n.last_seen).toLocaleTimeString() : 'never',
      ];
      tr.append(name, ...cells.map((text) => { const td = document.createElement('td'); td.textContent = text; return td; }));
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

  $('#key-form').addEventListener('submit', () => {
    key = $('#key-input').value.trim();
    sessionStorage.setItem(KEY, key);
    $('#key-input').value = '';
    load();
  });

  setInterval(() => { if (!document.hidden) load(); }, 10000);
  load();
})();
