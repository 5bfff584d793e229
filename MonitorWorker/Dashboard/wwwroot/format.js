// How the dashboard writes numbers, units, durations and time labels, and how it names and orders series: pure
// functions of their arguments (no page, no network), tested with Node's own test runner.

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const DECIMAL = ['', 'k', 'M', 'G', 'T'];

/** A value divided by the base until it is under it, with the prefix it reached. */
export function scaled(v, base, prefixes) {
  let i = 0;
  while (Math.abs(v) >= base && i < prefixes.length - 1) { v /= base; i++; }
  return { v, p: prefixes[i] };
}

/** Decimals that keep three significant figures. */
export function digits(v) { return Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2; }

/**
 * A value in its unit for a person. `units.temp` is 'C' or 'F' (the value is already in it), `units.rate` 'bytes' or
 * 'bits' (the value is bytes per second). A missing value is '–'.
 */
export function format(unit, v, units = {}) {
  if (v == null || Number.isNaN(v)) return '–';
  switch (unit) {
    case '%': return v.toFixed(v >= 10 ? 0 : 1) + ' %';
    case 'temp': return v.toFixed(1) + (units.temp === 'F' ? ' °F' : ' °C');
    case 'MHz': return v >= 1000 ? (v / 1000).toFixed(2) + ' GHz' : v.toFixed(0) + ' MHz';
    case 'bytes': { const s = scaled(v, 1024, BINARY); return s.v.toFixed(digits(s.v)) + ' ' + s.p; }
    case 'rate': {
      const bits = units.rate === 'bits';
      const s = scaled(bits ? v * 8 : v, 1000, DECIMAL);
      return s.v.toFixed(digits(s.v)) + ' ' + s.p + (bits ? 'bit/s' : 'B/s');
    }
    case 'W': return v.toFixed(2) + ' W';
    case 'V': return v.toFixed(3) + ' V';
    case 'A': return v.toFixed(3) + ' A';
    case 'hPa': return v.toFixed(1) + ' hPa';
    case 'lx': return v.toFixed(v >= 100 ? 0 : 1) + ' lx';
    case 'min': return v.toFixed(0) + ' min';
    case 'dBm': return v.toFixed(0) + ' dBm';
    case 'rpm': return v.toFixed(0) + ' rpm';
    case '/s': { const s = scaled(v, 1000, DECIMAL); return s.v.toFixed(digits(s.v)) + s.p + '/s'; }
    default: return v.toFixed(2);
  }
}

/** A value as the chart holds it: a temperature in the chosen unit ('C' or 'F'); a missing value is null. */
export function shown(unit, v, temp) {
  if (v == null || Number.isNaN(v)) return null;
  return unit === 'temp' && temp === 'F' ? v * 9 / 5 + 32 : v;
}

/** Seconds as days and hours, hours and minutes, or minutes. */
export function duration(seconds) {
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
  return d > 0 ? d + ' d ' + h + ' h' : h > 0 ? h + ' h ' + m + ' min' : m + ' min';
}

/** A Jetson's input rail (VDD_IN, or POM_5V_IN before JetPack 5): its total power. */
export function isInputRail(n) { return /^power\.(VDD_IN|POM_5V_IN)$/.test(n); }

/** Series drawn first, in the first colour and a thicker line: the totals. */
export function isTotal(n) { return n === 'cpu.usage' || n === 'power.total' || isInputRail(n); }

/** Totals first, then by name with the numbers in it in order (core 2 before core 10). */
export function natural(a, b) {
  const rank = (n) => isTotal(n) ? 0 : 1;
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
}

// Interfaces the kernel makes for containers, bridges and VMs.
const VIRTUAL = /^(docker\d|veth|br-|virbr|vnet|cni|flannel|cali|lxcbr|lxdbr|podman|kube-ipvs|dummy)/;

/** The interface a network series is of: `net.<interface>.<figure>`. */
export function interfaceOf(n) { return n.slice(4, n.lastIndexOf('.')); }

/** Whether a network series is of a container, bridge or VM interface. */
export function isVirtual(n) { return VIRTUAL.test(interfaceOf(n)); }

/**
 * Time axis labels: the time of day (with seconds when the ticks are under a minute apart), and the date under the
 * first label and wherever the day changes; ticks a day or more apart are dates. `times` are Unix seconds, `incr` the
 * seconds between ticks; `locale` is the browser's unless given.
 */
export function timeLabels(times, incr, locale) {
  const date = (d) => d.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  let day = null;
  return times.map((t) => {
    const moment = new Date(t * 1000);
    const text = incr >= 86400 ? date(moment)
      : moment.toLocaleTimeString(locale, incr < 60 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
    const thisDay = moment.toDateString();
    const label = incr < 86400 && thisDay !== day ? text + '\n' + date(moment) : text;
    day = thisDay;
    return label;
  });
}
