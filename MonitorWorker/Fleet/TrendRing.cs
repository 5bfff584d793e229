namespace MonitorWorker.Fleet;

/// <summary>
/// A peer's newest points (time, CPU %, temperature), oldest first, at most <see cref="Capacity"/>: fed by each poll
/// that brings a newer reading, and once, at the first answer, from a pi-stat peer's own history. About 1.5 KB a peer.
/// </summary>
public sealed class TrendRing
{
    /// <summary>The most points kept: ten minutes at the default 10-second peer interval.</summary>
    public const int Capacity = 60;

    private readonly long[] _times = new long[Capacity];
    private readonly double?[] _cpu = new double?[Capacity];
    private readonly double?[] _temperature = new double?[Capacity];
    private int _start;
    private int _count;

    /// <summary>The step between points: the peer interval in whole seconds, at least 1.</summary>
    public static long StepSeconds(double peerIntervalSeconds) => Math.Max(1, (long)Math.Round(peerIntervalSeconds));

    /// <summary>Gets whether the ring has been filled from the peer's history (or that was tried).</summary>
    public bool Backfilled { get; set; }

    /// <summary>Adds a point newer than the newest held; an older or repeated time is ignored.</summary>
    public void Add(long time, double? cpuPercent, double? temperatureC)
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

            return new FleetTrend(url, times, cpu, temperature);
        }
    }
}
