// The dashboard's shared state: the viewer's choices (kept in localStorage), what is shown, and formatting in the chosen units.
import { format as formatValue, shown as shownValue } from './format.js';

export const RANGES = { 300: 1, 3600: 3, 86400: 60, 604800: 900, 2592000: 3600, 31536000: 21600 }; // range (s) → step (s) asked of /api/history

export const prefs = {
  theme: localStorage.getItem('pistat.theme') || 'system',
  temp: localStorage.getItem('pistat.temp') || 'C',
  rate: localStorage.getItem('pistat.rate') || 'bytes',
  virtual: localStorage.getItem('pistat.virtual') === 'true',
  range: Number(localStorage.getItem('pistat.range')) in RANGES ? Number(localStorage.getItem('pistat.range')) : 3600,
};
export const state = {
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


// Formatting (format.js) in the units chosen here.
export function format(unit, v) { return formatValue(unit, v, prefs); }
export function shown(unit, v) { return shownValue(unit, v, prefs.temp); }
export function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
