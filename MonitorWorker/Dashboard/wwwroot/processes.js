// The top-processes panel: /api/processes asked for only while the panel is open and the tab is visible, so the agent
// reads /proc for them only then.
import { $, json } from './api.js';
import { format } from './state.js';

const PROCESS_POLL_MS = 3000;
let processTimer = 0;
async function refreshProcesses(handle) {
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
function scheduleProcesses(handle) {
  clearInterval(processTimer);
  if ($('#processes-panel').open) {
    refreshProcesses(handle);
    processTimer = setInterval(() => refreshProcesses(handle), PROCESS_POLL_MS);
  }
}

// Starts and stops the polling as the panel opens and closes; errors go to `handle`.
export function watchProcesses(handle) {
  $('#processes-panel').addEventListener('toggle', () => scheduleProcesses(handle));
}
