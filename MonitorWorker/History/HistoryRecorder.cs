using HardwareProbes.Cpu;
using HardwareProbes.Network;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;

namespace MonitorWorker.History;

/// <summary>
/// Turns each snapshot into one value per series and appends it to the <see cref="HistoryStore"/>: CPU total and per
/// core (usage and clock), every temperature, memory used and available, swap used, load, and each interface's
/// received and sent bytes per second. Rates come from counter differences: a counter that goes backwards (a reboot,
/// a wrap, an interface re-created) gives a gap, never a negative rate or a spike. A core, sensor or interface that
/// appears later gets its series from then on. Series names are built once, when first seen; a steady-state sample
/// allocates nothing.
/// </summary>
public sealed class HistoryRecorder
{
    private readonly HistoryStore _store;
    private readonly float[] _values = new float[HistoryStore.MaxSeries];
    private readonly Dictionary<int, (int Usage, int Frequency)> _cores = [];
    private readonly Dictionary<string, int> _temperatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Interface> _interfaces = new(StringComparer.Ordinal);
    private readonly int _cpu;
    private readonly int _memoryUsed;
    private readonly int _memoryAvailable;
    private readonly int _swapUsed;
    private readonly int _load1;
    private readonly int _load5;
    private readonly int _load15;

    public HistoryRecorder(HistoryStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _cpu = store.SeriesFor("cpu.usage");
        _memoryUsed = store.SeriesFor("memory.used");
        _memoryAvailable = store.SeriesFor("memory.available");
        _swapUsed = store.SeriesFor("swap.used");
        _load1 = store.SeriesFor("load.1");
        _load5 = store.SeriesFor("load.5");
        _load15 = store.SeriesFor("load.15");
    }

    /// <summary>Appends the snapshot's values at its timestamp (whole Unix seconds).</summary>
    public void Record(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Array.Fill(_values, float.NaN);
        Set(_cpu, snapshot.Cpu.UsagePercent);
        IReadOnlyList<CpuCore> cores = snapshot.Cpu.Cores;
        for (int i = 0; i < cores.Count; i++)
        {
            CpuCore core = cores[i];
            if (!_cores.TryGetValue(core.Id, out (int Usage, int Frequency) series))
            {
                series = (_store.SeriesFor($"cpu.core{core.Id}.usage"), _store.SeriesFor($"cpu.core{core.Id}.freq"));
                _cores[core.Id] = series;
            }

            Set(series.Usage, core.UsagePercent);
            Set(series.Frequency, core.FrequencyMhz);
        }

        IReadOnlyList<TemperatureReading> temperatures = snapshot.Temperatures;
        for (int i = 0; i < temperatures.Count; i++)
        {
            TemperatureReading t = temperatures[i];
            if (!_temperatures.TryGetValue(t.Key, out int series))
            {
                series = _store.SeriesFor($"temp.{t.Key}");
                _temperatures[t.Key] = series;
            }

            Set(series, t.Celsius);
        }

        Set(_memoryUsed, snapshot.Memory?.UsedBytes);
        Set(_memoryAvailable, snapshot.Memory?.AvailableBytes);
        Set(_swapUsed, snapshot.Swap?.UsedBytes);
        Set(_load1, snapshot.LoadAverage?.OneMinute);
        Set(_load5, snapshot.LoadAverage?.FiveMinutes);
        Set(_load15, snapshot.LoadAverage?.FifteenMinutes);
        RecordInterfaces(snapshot);
        _store.Append(snapshot.Timestamp.ToUnixTimeSeconds(), _values);
    }

    private void RecordInterfaces(HardwareSnapshot snapshot)
    {
        IReadOnlyList<InterfaceCounters> interfaces = snapshot.NetworkInterfaces ?? [];
        double now = snapshot.Timestamp.ToUnixTimeMilliseconds() / 1000.0;
        for (int i = 0; i < interfaces.Count; i++)
        {
            InterfaceCounters counters = interfaces[i];
            if (counters.Name == "lo")
            {
                continue;
            }

            if (!_interfaces.TryGetValue(counters.Name, out Interface? known))
            {
                known = new Interface(_store.SeriesFor($"net.{counters.Name}.rx_bytes_per_s"), _store.SeriesFor($"net.{counters.Name}.tx_bytes_per_s"));
                _interfaces[counters.Name] = known;
            }
            else if (now > known.At)
            {
                double seconds = now - known.At;
                Set(known.Received, Rate(known.BytesReceived, counters.BytesReceived, seconds));
                Set(known.Sent, Rate(known.BytesSent, counters.BytesSent, seconds));
            }

            known.BytesReceived = counters.BytesReceived;
            known.BytesSent = counters.BytesSent;
            known.At = now;
        }
    }

    /// <summary>A counter that went backwards was reset: no rate for this sample, never a negative one.</summary>
    private static double? Rate(ulong before, ulong after, double seconds) => after >= before ? (after - before) / seconds : null;

    private void Set(int series, double? value)
    {
        if (series >= 0 && value is double v && double.IsFinite(v))
        {
            _values[series] = (float)v;
        }
    }

    private sealed class Interface(int received, int sent)
    {
        public int Received { get; } = received;

        public int Sent { get; } = sent;

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public double At { get; set; } = double.NaN;
    }
}
