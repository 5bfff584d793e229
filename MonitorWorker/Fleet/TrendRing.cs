namespace MonitorWorker.Fleet;

/// <summary>
/// A peer's newest points (time, CPU %, temperature), oldest first, at most <see cref="Capacity"/>: fed by each poll
/// that brings a newer reading, and once, at the first answer, from a pi-stat peer's own history. About 1.5 KB a peer.
/// A Prometheus board's first <see cref="MaxGauges"/> series are kept beside them, at the same times: about 8 KB more.
/// </summary>
public sealed class TrendRing
{
    /// <summary>The most points kept: ten minutes at the default 10-second peer interval.</summary>
    public const int Capacity = 60;

    private readonly long[] _times = new long[Capacity];
    private readonly double?[] _cpu = new double?[Capacity];
    private readonly double?[] _temperature = new double?[Capacity];
    private readonly List<(string Key, double?[] Values)> _gauges = [];
    private int _start;
    private int _count;

    /// <summary>The most series of a board kept.</summary>
    public const int MaxGauges = 8;

    /// <summary>The step between points: the peer interval in whole seconds, at least 1.</summary>
    public static long StepSeconds(double peerIntervalSeconds) => Math.Max(1, (long)Math.Round(peerIntervalSeconds));

    /// <summary>Gets whether the ring has been filled from the peer's history (or that was tried).</summary>
    public bool Backfilled { get; set; }

    /// <summary>The key of a board's series: its metric name and labels, <c>name{label="value",…}</c>.</summary>
    public static string KeyOf(FleetGauge gauge)
    {
        ArgumentNullException.ThrowIfNull(gauge);
        return gauge.Labels.Count == 0 ? gauge.Name : $"{gauge.Name}{{{string.Join(',', gauge.Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}";
    }

    /// <summary>Adds a point newer than the newest held; an older or repeated time is ignored.</summary>
    public void Add(long time, double? cpuPercent, double? temperatureC, IReadOnlyList<FleetGauge>? gauges = null)
    {
        lock (_times)
        {
            if (_count > 0 && time <= _times[(_start + _count - 1) % Capacity])
            {
                return;
            }

            int slot = (_start + _count) % Capacity;
            if (_count == Capacity)
            {
                _start = (_start + 1) % Capacity;
            }
            else
            {
                _count++;
            }

            _times[slot] = time;
            _cpu[slot] = cpuPercent;
            _temperature[slot] = temperatureC;
            foreach ((_, double?[] values) in _gauges)
            {
                values[slot] = null;
            }

            foreach (FleetGauge gauge in gauges ?? [])
            {
                string key = KeyOf(gauge);
                int at = _gauges.FindIndex(g => g.Key == key);
                if (at < 0 && _gauges.Count < MaxGauges)
                {
                    _gauges.Add((key, new double?[Capacity]));
                    at = _gauges.Count - 1;
                }

                if (at >= 0)
                {
                    _gauges[at].Values[slot] = gauge.Value;
                }
            }
        }
    }

    /// <summary>A copy of the points, oldest first.</summary>
    public FleetTrend ToTrend(string? url)
    {
        lock (_times)
        {
            long[] times = new long[_count];
            double?[] cpu = new double?[_count];
            double?[] temperature = new double?[_count];
            for (int i = 0; i < _count; i++)
            {
                int slot = (_start + i) % Capacity;
                times[i] = _times[slot];
                cpu[i] = _cpu[slot];
                temperature[i] = _temperature[slot];
            }

            Dictionary<string, double?[]>? gauges = _gauges.Count == 0 ? null : _gauges.ToDictionary(
                g => g.Key,
                g => Enumerable.Range(0, _count).Select(i => g.Values[(_start + i) % Capacity]).ToArray(),
                StringComparer.Ordinal);
            return new FleetTrend(url, times, cpu, temperature) { Gauges = gauges };
        }
    }
}
