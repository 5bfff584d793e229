using HardwareProbes.Cpu;
using HardwareProbes.Jetson;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;
using MonitorWorker.Service;

namespace MonitorWorker.History;

/// <summary>
/// Turns each snapshot into one value per series and appends it to the <see cref="HistoryStore"/>. The series:
/// <list type="bullet">
/// <item>every board: <c>cpu.usage</c>, <c>cpu.temp</c> (the CPU's sensor, when the board has one), <c>cpu.coreN.usage</c>/<c>.freq</c>, <c>temp.&lt;sensor&gt;</c>,
/// <c>memory.used</c>/<c>.available</c>, <c>swap.used</c>, <c>load.1</c>/<c>.5</c>/<c>.15</c>, <c>disk.read_bytes_per_s</c>,
/// <c>disk.write_bytes_per_s</c>, <c>disk.reads_per_s</c>, <c>disk.writes_per_s</c>, <c>fs.&lt;mount&gt;.used_percent</c>,
/// <c>net.&lt;iface&gt;.rx_bytes_per_s</c>/<c>tx_bytes_per_s</c>/<c>rx_packets_per_s</c>/<c>tx_packets_per_s</c>,
/// <c>wifi.&lt;iface&gt;.dbm</c>, <c>fan.&lt;source&gt;.rpm</c> and <c>.pwm</c> (percent) per fan (<c>fan.hwmon2/fan1.rpm</c>);</item>
/// <item>Raspberry Pi: <c>pi.core.volts</c>, <c>pi.arm.freq</c>, <c>pi.core.freq</c>, <c>pi.sdram.freq</c> and the live
/// conditions as 0/1 series; on a Pi 5 <c>pi.ext5v.volts</c> (the PMIC's 5 V input) and <c>pi.power.watts</c> (its power
/// estimate); </item><item>a UPS (PISTAT_NUT_URL): <c>ups.charge</c> (%), <c>ups.runtime</c> (s), <c>ups.load</c> (%),
/// <c>ups.input.volts</c> and <c>ups.on_battery</c> (0/1);</item><item>every IIO or hwmon sensor channel: <c>sensor.&lt;quantity&gt;.&lt;key&gt;</c> in its quantity's unit (<c>sensor.humidity.bme280 humidity</c>, %);</item>
/// <item>Raspberry Pi live conditions: <c>pi.under_voltage</c>, <c>pi.freq_capped</c>, <c>pi.throttled</c>, <c>pi.soft_temp_limit</c>
/// (on the coarse tiers the maximum says "happened in this interval" and the average the share of time);</item>
/// <item>Jetson: <c>gpu.load</c>, <c>gpu.freq</c>, <c>emc.load</c>, <c>emc.freq</c>, <c>engine.&lt;name&gt;.load</c>/<c>.freq</c>,
/// <c>power.&lt;rail&gt;</c> (W) and <c>power.total</c> (the board's input rail, W).</item>
/// </list>
/// Rates are the snapshot's own (<see cref="HardwareSnapshot.NetworkRates"/>, <see cref="HardwareSnapshot.DiskRates"/>),
/// measured by the source between the sampler's snapshots: a counter that went backwards is a null rate there and a gap
/// here. A core, sensor, mount or interface that appears later gets its series from
/// then on, up to <see cref="HistoryStore.MaxSeries"/>. Series names are built once, when first seen; a steady-state
/// sample allocates nothing.
/// </summary>
public sealed class HistoryRecorder
{
    /// <summary>Each sensor quantity's series prefix (<c>sensor.humidity.</c>), by the quantity's number: the unit is in the name.</summary>
    private static readonly string[] SensorPrefixes = [.. Enum.GetValues<HardwareProbes.Sensors.SensorQuantity>().Select(q => $"sensor.{HardwareProbes.Sensors.SensorUnits.NameOf(q)}.")];

    /// <summary>The rails tegrastats names for the board's whole input power, newest naming first.</summary>
    private static readonly string[] InputRails = ["VDD_IN", "POM_5V_IN"];

    private readonly HistoryStore _store;
    private readonly float[] _values = new float[HistoryStore.MaxSeries];
    private readonly Dictionary<int, (int Usage, int Frequency)> _cores = [];
    private readonly Dictionary<string, int> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Interface> _interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Load, int Frequency)> _engines = new(StringComparer.Ordinal);
    private readonly Fixed _fixed;

    public HistoryRecorder(HistoryStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _fixed = new Fixed(store);
    }

    /// <summary>Appends the snapshot's values at its timestamp (whole Unix seconds).</summary>
    public void Record(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Array.Fill(_values, float.NaN);
        Set(_fixed.Cpu, snapshot.Cpu.UsagePercent);
        Set(_fixed.CpuTemperature, snapshot.CpuTemperatureCelsius);
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
            Set(Named("temp.", temperatures[i].Key, string.Empty), temperatures[i].Celsius);
        }

        IReadOnlyList<FanReading> fans = snapshot.Fans;
        for (int i = 0; i < fans.Count; i++)
        {
            Set(Named("fan.", fans[i].Source, ".rpm"), fans[i].Rpm);
            Set(Named("fan.", fans[i].Source, ".pwm"), fans[i].PwmPercent);
        }

        Set(_fixed.MemoryUsed, snapshot.Memory?.UsedBytes);
        Set(_fixed.MemoryAvailable, snapshot.Memory?.AvailableBytes);
        Set(_fixed.SwapUsed, snapshot.Swap?.UsedBytes);
        Set(_fixed.Load1, snapshot.LoadAverage?.OneMinute);
        Set(_fixed.Load5, snapshot.LoadAverage?.FiveMinutes);
        Set(_fixed.Load15, snapshot.LoadAverage?.FifteenMinutes);
        IReadOnlyList<HardwareProbes.Sensors.SensorReading> sensors = snapshot.Sensors;
        for (int i = 0; i < sensors.Count; i++)
        {
            Set(Named(SensorPrefixes[(int)sensors[i].Quantity], sensors[i].Key, string.Empty), sensors[i].Value);
        }

        if (snapshot.Ups is HardwareProbes.Ups.UpsReading ups)
        {
            Set(_fixed.UpsCharge, ups.ChargePercent);
            Set(_fixed.UpsRuntime, ups.RuntimeSeconds);
            Set(_fixed.UpsLoad, ups.LoadPercent);
            Set(_fixed.UpsInput, ups.InputVolts);
            Set(_fixed.UpsOnBattery, ups.OnBattery ? 1 : 0);
        }

        RecordStorage(snapshot);
        RecordInterfaces(snapshot);
        RecordRaspberryPi(snapshot.RaspberryPi);
        RecordJetson(snapshot.Jetson);
        _store.Append(snapshot.Timestamp.ToUnixTimeSeconds(), _values);
    }

    private void RecordStorage(HardwareSnapshot snapshot)
    {
        if (snapshot.DiskRates is DiskIoRate io)
        {
            Set(_fixed.DiskReadBytes, io.ReadBytesPerSecond);
            Set(_fixed.DiskWriteBytes, io.WriteBytesPerSecond);
            Set(_fixed.DiskReads, io.ReadOpsPerSecond);
            Set(_fixed.DiskWrites, io.WriteOpsPerSecond);
        }

        IReadOnlyList<FilesystemUsage> filesystems = snapshot.Filesystems;
        for (int i = 0; i < filesystems.Count; i++)
        {
            Set(Named("fs.", filesystems[i].MountPoint, ".used_percent"), filesystems[i].Percent);
        }

        switch (snapshot.WirelessSignalDbm)
        {
            case Dictionary<string, int> wireless: // the probes' own type: enumerated without boxing an enumerator
                foreach (KeyValuePair<string, int> signal in wireless)
                {
                    Set(Named("wifi.", signal.Key, ".dbm"), signal.Value);
                }

                break;
            case { } wireless:
                foreach (KeyValuePair<string, int> signal in wireless)
                {
                    Set(Named("wifi.", signal.Key, ".dbm"), signal.Value);
                }

                break;
        }
    }

    private void RecordInterfaces(HardwareSnapshot snapshot)
    {
        IReadOnlyList<InterfaceRate> rates = snapshot.NetworkRates ?? [];
        for (int i = 0; i < rates.Count; i++)
        {
            InterfaceRate rate = rates[i];
            if (rate.Name == "lo")
            {
                continue;
            }

            if (!_interfaces.TryGetValue(rate.Name, out Interface? known))
            {
                known = new Interface(_store, rate.Name);
                _interfaces[rate.Name] = known;
            }

            Set(known.Received, rate.ReceiveBytesPerSecond);
            Set(known.Sent, rate.SendBytesPerSecond);
            Set(known.PacketsIn, rate.ReceivePacketsPerSecond);
            Set(known.PacketsOut, rate.SendPacketsPerSecond);
        }
    }

    private void RecordRaspberryPi(RaspberryPiReading? pi)
    {
        if (pi is null)
        {
            return;
        }

        Set(_fixed.PiVolts, pi.CoreVolts);
        Set(_fixed.PiArm, pi.ArmClockHz / 1e6);
        Set(_fixed.PiCore, pi.CoreClockHz / 1e6);
        Set(_fixed.PiSdram, pi.SdramClockHz / 1e6);
        if (pi.Throttle is ThrottleState throttle)
        {
            Set(_fixed.PiUnderVoltage, throttle.UnderVoltage ? 1 : 0);
            Set(_fixed.PiCapped, throttle.ArmFrequencyCapped ? 1 : 0);
            Set(_fixed.PiThrottled, throttle.Throttled ? 1 : 0);
            Set(_fixed.PiSoftLimit, throttle.SoftTemperatureLimit ? 1 : 0);
        }

        if (pi.Pmic is PmicReading pmic)
        {
            Set(_fixed.PiExt5v, pmic.Ext5vVolts);
            Set(_fixed.PiPower, pmic.EstimatedWatts);
        }
    }

    private void RecordJetson(JetsonReading? jetson)
    {
        if (jetson is null)
        {
            return;
        }

        Set(_fixed.GpuLoad, jetson.GpuLoadPercent);
        Set(_fixed.GpuFrequency, jetson.GpuFrequencyMhz);
        if (jetson.Sample is not TegrastatsSample sample)
        {
            return;
        }

        Set(_fixed.EmcLoad, sample.Emc?.LoadPercent);
        Set(_fixed.EmcFrequency, sample.Emc?.FrequencyMhz);
        IReadOnlyList<TegraEngine> engines = sample.Engines;
        for (int i = 0; i < engines.Count; i++)
        {
            TegraEngine engine = engines[i];
            if (!_engines.TryGetValue(engine.Name, out (int Load, int Frequency) series))
            {
                series = (_store.SeriesFor($"engine.{engine.Name}.load"), _store.SeriesFor($"engine.{engine.Name}.freq"));
                _engines[engine.Name] = series;
            }

            Set(series.Load, engine.Off ? 0 : engine.LoadPercent);
            Set(series.Frequency, engine.FrequencyMhz);
        }

        IReadOnlyList<TegraRail> rails = sample.Rails;
        int input = -1;
        for (int i = 0; i < rails.Count; i++)
        {
            Set(Named("power.", rails[i].Key, string.Empty), rails[i].CurrentMilliwatts / 1000.0);
            int rank = InputRank(rails[i].Name);
            if (rank >= 0 && (input < 0 || rank < InputRank(rails[input].Name)))
            {
                input = i;
            }
        }

        if (input >= 0)
        {
            Set(_fixed.PowerTotal, rails[input].CurrentMilliwatts / 1000.0);
        }
    }

    private static int InputRank(string rail)
    {
        for (int i = 0; i < InputRails.Length; i++)
        {
            if (string.Equals(InputRails[i], rail, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The series <c>prefix + key + suffix</c>, its name built the first time the key is seen.</summary>
    private int Named(string prefix, string key, string suffix)
    {
        // The lookup key joins prefix and key without allocating: a per-prefix dictionary would do the same work.
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = _named.GetAlternateLookup<ReadOnlySpan<char>>();
        int length = prefix.Length + key.Length + suffix.Length;
        Span<char> name = length <= 256 ? stackalloc char[length] : new char[length];
        prefix.CopyTo(name);
        key.CopyTo(name[prefix.Length..]);
        suffix.CopyTo(name[(prefix.Length + key.Length)..]);
        if (!lookup.TryGetValue(name, out int series))
        {
            string text = name.ToString();
            series = _store.SeriesFor(text);
            _named[text] = series;
        }

        return series;
    }

    private void Set(int series, double? value)
    {
        if (series >= 0 && value is double v && double.IsFinite(v))
        {
            _values[series] = (float)v;
        }
    }

    private void Set(Lazy series, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            Set(series.Index, v);
        }
    }

    private sealed class Interface(HistoryStore store, string name)
    {
        public int Received { get; } = store.SeriesFor($"net.{name}.rx_bytes_per_s");

        public int Sent { get; } = store.SeriesFor($"net.{name}.tx_bytes_per_s");

        public int PacketsIn { get; } = store.SeriesFor($"net.{name}.rx_packets_per_s");

        public int PacketsOut { get; } = store.SeriesFor($"net.{name}.tx_packets_per_s");
    }

    /// <summary>The series every board has a place for, registered when the recorder starts.</summary>
    private sealed class Fixed(HistoryStore store)
    {
        public int Cpu { get; } = store.SeriesFor(HistorySeriesNames.CpuUsage);
        public int MemoryUsed { get; } = store.SeriesFor("memory.used");
        public int MemoryAvailable { get; } = store.SeriesFor("memory.available");
        public int SwapUsed { get; } = store.SeriesFor("swap.used");
        public int Load1 { get; } = store.SeriesFor("load.1");
        public int Load5 { get; } = store.SeriesFor("load.5");
        public int Load15 { get; } = store.SeriesFor("load.15");
        public int DiskReadBytes { get; } = store.SeriesFor("disk.read_bytes_per_s");
        public int DiskWriteBytes { get; } = store.SeriesFor("disk.write_bytes_per_s");
        public int DiskReads { get; } = store.SeriesFor("disk.reads_per_s");
        public int DiskWrites { get; } = store.SeriesFor("disk.writes_per_s");
        public Lazy CpuTemperature { get; } = new(store, HistorySeriesNames.CpuTemperature);
        public Lazy PiVolts { get; } = new(store, "pi.core.volts");
        public Lazy PiArm { get; } = new(store, "pi.arm.freq");
        public Lazy PiCore { get; } = new(store, "pi.core.freq");
        public Lazy PiSdram { get; } = new(store, "pi.sdram.freq");
        public Lazy PiUnderVoltage { get; } = new(store, HistorySeriesNames.Throttle(ThrottleConditions.UnderVoltage));
        public Lazy PiCapped { get; } = new(store, HistorySeriesNames.Throttle(ThrottleConditions.ArmFrequencyCapped));
        public Lazy PiThrottled { get; } = new(store, HistorySeriesNames.Throttle(ThrottleConditions.Throttled));
        public Lazy PiSoftLimit { get; } = new(store, HistorySeriesNames.Throttle(ThrottleConditions.SoftTemperatureLimit));
        public Lazy PiExt5v { get; } = new(store, "pi.ext5v.volts");
        public Lazy UpsCharge { get; } = new(store, "ups.charge");
        public Lazy UpsRuntime { get; } = new(store, "ups.runtime");
        public Lazy UpsLoad { get; } = new(store, "ups.load");
        public Lazy UpsInput { get; } = new(store, "ups.input.volts");
        public Lazy UpsOnBattery { get; } = new(store, "ups.on_battery");
        public Lazy PiPower { get; } = new(store, "pi.power.watts");
        public Lazy GpuLoad { get; } = new(store, "gpu.load");
        public Lazy GpuFrequency { get; } = new(store, "gpu.freq");
        public Lazy EmcLoad { get; } = new(store, "emc.load");
        public Lazy EmcFrequency { get; } = new(store, "emc.freq");
        public Lazy PowerTotal { get; } = new(store, "power.total");
    }

    /// <summary>A board-specific series, added to the store (and costing memory) the first time it has a value.</summary>
    private sealed class Lazy(HistoryStore store, string name)
    {
        private int _index = int.MinValue;

        public int Index => _index == int.MinValue ? _index = store.SeriesFor(name) : _index;
    }
}
