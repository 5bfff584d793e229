// The dashboard's pure helpers (MonitorWorker/Dashboard/wwwroot/format.js) under Node's own test runner:
// node --test Dashboard.Tests/js/   (.ci/run runs it and counts its results with the others)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, shown, duration, natural, isVirtual, interfaceOf, isInputRail, scaled, timeLabels } from '../../MonitorWorker/Dashboard/wwwroot/format.js';

test('a value is written in its unit with three significant figures', () => {
  assert.equal(format('%', 4.25), '4.3 %');
  assert.equal(format('%', 42.4), '42 %');
  assert.equal(format('MHz', 1500), '1.50 GHz');
  assert.equal(format('MHz', 729), '729 MHz');
  assert.equal(format('bytes', 5.62 * 1024 ** 3), '5.62 GiB');
  assert.equal(format('rate', 2_000_000), '2.00 MB/s');
  assert.equal(format('rate', 2_000_000, { rate: 'bits' }), '16.0 Mbit/s');
  assert.equal(format('dBm', -100), '-100 dBm');
  assert.equal(format('rpm', 3296), '3296 rpm');
  assert.equal(format('/s', 104), '104/s');
  assert.equal(format('V', 0.87), '0.870 V');
  assert.equal(format('temp', 52.04), '52.0 °C');
  assert.equal(format('temp', 125.6, { temp: 'F' }), '125.6 °F');
});

test('a missing value is a dash, never 0', () => {
  assert.equal(format('%', null), '–');
  assert.equal(format('W', Number.NaN), '–');
  assert.equal(shown('temp', null, 'F'), null);
});

test('temperatures are charted in the chosen unit, everything else as it is', () => {
  assert.equal(shown('temp', 100, 'F'), 212);
  assert.equal(shown('temp', 100, 'C'), 100);
  assert.equal(shown('rate', 100, 'F'), 100);
});

test('scaling stops at the largest prefix', () => {
  assert.deepEqual(scaled(1024 ** 6, 1024, ['B', 'KiB']), { v: 1024 ** 5, p: 'KiB' });
  assert.deepEqual(scaled(-1500, 1000, ['', 'k']), { v: -1.5, p: 'k' });
});

test('durations are days and hours, hours and minutes, or minutes', () => {
  assert.equal(duration(4 * 86400 + 3600 + 59), '4 d 1 h');
  assert.equal(duration(2 * 3600 + 5 * 60), '2 h 5 min');
  assert.equal(duration(59), '0 min');
});

test('totals come first, then names with their numbers in order', () => {
  const sorted = ['cpu.core10.usage', 'cpu.core2.usage', 'cpu.usage', 'cpu.core1.usage'].sort(natural);
  assert.deepEqual(sorted, ['cpu.usage', 'cpu.core1.usage', 'cpu.core2.usage', 'cpu.core10.usage']);
  assert.deepEqual(['power.VDD_SOC', 'power.VDD_IN', 'power.VDD_CPU_GPU_CV'].sort(natural), ['power.VDD_IN', 'power.VDD_CPU_GPU_CV', 'power.VDD_SOC']);
  assert.ok(isInputRail('power.POM_5V_IN'));
  assert.ok(!isInputRail('power.VDD_IN_2'));
});

test('container, bridge and VM interfaces are told from the board\'s own', () => {
  assert.equal(interfaceOf('net.br-1a2b.rx_bytes_per_s'), 'br-1a2b');
  for (const n of ['net.docker0.rx_bytes_per_s', 'net.vethf345468.tx_packets_per_s', 'net.br-1a2b.rx_bytes_per_s', 'net.virbr0.tx_bytes_per_s']) {
    assert.ok(isVirtual(n), n);
  }
  for (const n of ['net.eth0.rx_bytes_per_s', 'net.wlan0.tx_bytes_per_s', 'net.enp3s0.rx_bytes_per_s', 'net.wlo1.rx_bytes_per_s', 'net.dockerfile.rx_bytes_per_s']) {
    assert.ok(!isVirtual(n), n);
  }
});

test('time labels carry the date under the first and where the day changes, and are dates a day apart', () => {
  const day = Date.UTC(2026, 11, 5, 23, 0, 0) / 1000; // in the test's own time zone the labels follow local days
  const hours = [0, 1, 2, 3].map((h) => day + h * 3600);
  const labels = timeLabels(hours, 3600, 'en-GB');
  assert.equal(labels.filter((l) => l.includes('\n')).length, new Set(hours.map((t) => new Date(t * 1000).toDateString())).size);
  assert.ok(labels[0].includes('\n'), labels[0]);
  assert.match(labels[1].split('\n')[0], /^\d\d:\d\d$/);
  assert.match(timeLabels([day], 30, 'en-GB')[0].split('\n')[0], /^\d\d:\d\d:\d\d$/, 'seconds when ticks are under a minute apart');
  assert.ok(!timeLabels([day, day + 86400], 86400, 'en-GB').some((l) => l.includes('\n')), 'a date alone a day apart');
});
