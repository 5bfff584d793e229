using System.Diagnostics.Metrics;
using HardwareProbes.Cpu;
using HardwareProbes.Jetson;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Sensors;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;

namespace HardwareProbes.Metrics;

/// <summary>
/// The readings of the newest snapshot as <see cref="System.Diagnostics.Metrics"/> instruments of the meter
/// <c>HardwareProbes</c>, in base units (seconds, bytes, °C, volts, watts, hertz, ratios). Every instrument is
/// observable: it is created once, and its callback reads the snapshot it is given, so collecting the metrics
/// never reads a file. A reading that is null in the snapshot is left out rather than reported as 0.
/// </summary>
public sealed class HardwareMetrics : IDisposable
{
    /// <summary>The name of the meter the instruments belong to.</summary>
    public const string MeterName = "HardwareProbes";

    /// <summary>USER_HZ: the kernel reports CPU times in hundredths of a second on every architecture.</summary>
    private const double TicksPerSecond = 100;

    private static readonly string[] NoLabels = [];

    /// <summary>The modes of <c>hardware.cpu.time</c>, in <c>/proc/stat</c>'s order, and where each one's ticks are.</summary>
    private static readonly (string Mode, Func<CpuTimes, ulong> Ticks)[] Modes =
    [
        ("user", t => t.User), ("nice", t => t.Nice), ("system", t => t.System), ("idle", t => t.Idle),
        ("iowait", t => t.IoWait), ("irq", t => t.Irq), ("softirq", t => t.SoftIrq), ("steal", t => t.Steal),
    ];

    private readonly Meter _meter;
    private readonly Func<HardwareSnapshot?> _latest;

    /// <summary>
    /// Every instrument's name and the labels (measurement tag keys) its series carry: none for a single value,
    /// <c>cpu</c> for one series per CPU, <c>cpu</c> and <c>mode</c> for one per CPU and mode, and so on. An exporter
    /// can size its series store from this instead of a generic limit.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Labels { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["hardware.cpu.utilization"] = NoLabels,
        ["hardware.cpu.core.utilization"] = ["cpu"],
        ["hardware.cpu.frequency"] = ["cpu"],
        ["hardware.cpu.time"] = ["cpu", "mode"],
        ["hardware.memory.total"] = NoLabels,
        ["hardware.memory.available"] = NoLabels,
        ["hardware.memory.used"] = NoLabels,
        ["hardware.swap.total"] = NoLabels,
        ["hardware.swap.used"] = NoLabels,
        ["hardware.load.average"] = ["period"],
        ["hardware.uptime"] = NoLabels,
        ["hardware.temperature"] = ["zone"],
        ["hardware.fan.speed"] = ["fan"],
        ["hardware.over_current.events"] = ["counter", "meaning"],
        ["hardware.power_mode"] = ["name"],
        ["hardware.emmc.life_time"] = ["device", "type"],
        ["hardware.emmc.pre_eol"] = ["device"],
        ["hardware.fan.pwm"] = ["fan"],
        ["hardware.cooling.state"] = ["device"],
        ["hardware.cooling.max_state"] = ["device"],
        ["hardware.source.up"] = ["source", "expected"],
        ["hardware.disk.read"] = NoLabels,
        ["hardware.disk.written"] = NoLabels,
        ["hardware.disk.reads"] = NoLabels,
        ["hardware.disk.writes"] = NoLabels,
        ["hardware.filesystem.size"] = ["mount"],
        ["hardware.filesystem.used"] = ["mount"],
        ["hardware.filesystem.free"] = ["mount"],
        ["hardware.network.received"] = ["device"],
        ["hardware.network.transmitted"] = ["device"],
        ["hardware.network.received.packets"] = ["device"],
        ["hardware.network.transmitted.packets"] = ["device"],
        ["hardware.network.receive.errors"] = ["device"],
        ["hardware.network.transmit.errors"] = ["device"],
        ["hardware.network.receive.drops"] = ["device"],
        ["hardware.network.transmit.drops"] = ["device"],
        ["hardware.wireless.signal.dbm"] = ["device"],
        ["hardware.tcp.connections"] = NoLabels,
        ["hardware.throttle.active"] = ["flag"],
        ["hardware.throttle.occurred"] = ["flag"],
        ["hardware.core.voltage"] = NoLabels,
        ["hardware.clock.frequency"] = ["clock"],
        ["hardware.gpu.memory"] = NoLabels,
        ["hardware.gpu.utilization"] = NoLabels,
        ["hardware.gpu.frequency"] = NoLabels,
        ["hardware.power"] = ["rail"],
        ["hardware.power.average"] = ["rail"],
        ["hardware.tegrastats.restarts"] = NoLabels,
        ["hardware.sensor.temperature"] = ["chip", "label"],
        ["hardware.sensor.humidity"] = ["chip", "label"],
        ["hardware.sensor.pressure.pascals"] = ["chip", "label"],
        ["hardware.sensor.illuminance.lux"] = ["chip", "label"],
        ["hardware.sensor.voltage"] = ["chip", "label"],
        ["hardware.sensor.current"] = ["chip", "label"],
        ["hardware.sensor.power"] = ["chip", "label"],
        ["hardware.pmic.voltage"] = ["rail"],
        ["hardware.pmic.current"] = ["rail"],
        ["hardware.pmic.power"] = NoLabels,
        ["hardware.ups.status"] = ["flag"],
        ["hardware.ups.battery.charge"] = NoLabels,
        ["hardware.ups.battery.runtime"] = NoLabels,
        ["hardware.ups.load"] = NoLabels,
        ["hardware.ups.input.voltage"] = NoLabels,
        ["hardware.ups.battery.voltage"] = NoLabels,
    };

    /// <summary>The values of the <c>mode</c> label of <c>hardware.cpu.time</c>: one series per CPU and mode.</summary>
    public static IReadOnlyList<string> CpuModes { get; } = [.. Modes.Select(m => m.Mode)];

    /// <summary>Creates the instruments.</summary>
    /// <param name="latest">Returns the snapshot to report (the newest one), or null before there is one.</param>
    /// <param name="meterFactory">Creates the meter (pass the host's to share its lifetime); null creates a stand-alone meter.</param>
    public HardwareMetrics(Func<HardwareSnapshot?> latest, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(latest);
        _latest = latest;
        var options = new MeterOptions(MeterName) { Version = typeof(HardwareMetrics).Assembly.GetName().Version?.ToString() };
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        CreateCpu();
        CreateMemoryAndHost();
        CreateStorage();
        CreateNetwork();
        CreateBoard();
        CreateSensors();
    }

    /// <summary>Gets the meter holding the instruments.</summary>
    public Meter Meter => _meter;

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();

    private void CreateCpu()
    {
        _meter.CreateObservableGauge("hardware.cpu.utilization", () => One(s => s.Cpu.UsagePercent / 100), "1", "Busy share of all CPUs over the last sampling interval (iowait counts as idle)");
        _meter.CreateObservableGauge("hardware.cpu.core.utilization", () => Each(s => s.Cpu.Cores, c => c.UsagePercent / 100, c => Tag("cpu", c.Id)), "1", "Busy share of each CPU over the last sampling interval");
        _meter.CreateObservableGauge("hardware.cpu.frequency", () => Each(s => s.Cpu.Cores, c => c.FrequencyMhz * 1e6, c => Tag("cpu", c.Id)), "Hz", "Current frequency of each CPU (cpufreq)");
        _meter.CreateObservableCounter("hardware.cpu.time", ReadCpuTimes, "s", "Time each CPU spent in each mode since boot (/proc/stat)");
    }

    private void CreateMemoryAndHost()
    {
        _meter.CreateObservableGauge("hardware.memory.total", () => One(s => s.Memory?.TotalBytes), "By", "Physical memory (MemTotal)");
        _meter.CreateObservableGauge("hardware.memory.available", () => One(s => s.Memory?.AvailableBytes), "By", "Memory available without swapping (MemAvailable)");
        _meter.CreateObservableGauge("hardware.memory.used", () => One(s => s.Memory?.UsedBytes), "By", "total - free - buffers - cached, psutil's definition");
        _meter.CreateObservableGauge("hardware.swap.total", () => One(s => s.Swap?.TotalBytes), "By", "Swap space (SwapTotal)");
        _meter.CreateObservableGauge("hardware.swap.used", () => One(s => s.Swap?.UsedBytes), "By", "Swap in use (SwapTotal - SwapFree)");
        _meter.CreateObservableGauge("hardware.load.average", LoadAverages, description: "Load average over the period (/proc/loadavg)");
        _meter.CreateObservableGauge("hardware.uptime", () => One(s => s.UptimeSeconds), "s", "Time since boot (/proc/uptime)");
        _meter.CreateObservableGauge("hardware.temperature", () => Each(s => s.Temperatures, t => t.Celsius, t => Tag("zone", t.Name)), "Cel", "Temperature of each thermal zone and hwmon sensor");
        _meter.CreateObservableGauge("hardware.emmc.life_time", EmmcLifeTimes, description: "eMMC life-time estimate, 1 (0-10 % of the rated life used) to 11 (exceeded), per memory type A and B (/sys/block/mmcblkN/device/life_time)");
        _meter.CreateObservableGauge("hardware.emmc.pre_eol", () => Each(s => s.Emmc, e => e.PreEol, e => Tag("device", e.Device)), description: "eMMC pre-end-of-life state: 1 normal, 2 warning, 3 urgent (pre_eol_info)");
        _meter.CreateObservableCounter("hardware.over_current.events", OverCurrentEvents, "{event}", "Jetson over-current events since boot: oc1 under-voltage, oc2 average, oc3 instantaneous over-current (hwmon soctherm_oc ocN_event_cnt)");
        _meter.CreateObservableGauge("hardware.power_mode", PowerModeId, description: "Jetson power mode id nvpmodel last set (/var/lib/nvpmodel/status), its name from /etc/nvpmodel.conf");
        _meter.CreateObservableGauge("hardware.fan.speed", () => Each(s => s.Fans, f => f.Rpm, f => Tag("fan", f.Name)), "{rpm}", "Fan speed from its tachometer (hwmon fanN_input, Jetson rpm_measured)");
        _meter.CreateObservableGauge("hardware.fan.pwm", () => Each(s => s.Fans, f => f.PwmPercent / 100, f => Tag("fan", f.Name)), "1", "Fan duty cycle driven now (hwmon pwmN or Jetson cur_pwm, 0-255 scaled to 0-1)");
        _meter.CreateObservableGauge("hardware.cooling.state", () => Each(s => s.CoolingDevices, c => c.State, c => Tag("device", $"{c.Type} {c.Source}")), "{step}", "Step of each thermal cooling device, 0 (no cooling) to its max_state");
        _meter.CreateObservableGauge("hardware.cooling.max_state", () => Each(s => s.CoolingDevices, c => c.MaxState, c => Tag("device", $"{c.Type} {c.Source}")), "{step}", "Highest step of each thermal cooling device");
        _meter.CreateObservableGauge("hardware.source.up", SourcesUp, description: "1 when the source was read in the newest snapshot, 0 when it failed (the /stats sources entry says why); expected=\"true\" for the sources this board should have");
    }

    private void CreateStorage()
    {
        _meter.CreateObservableCounter("hardware.disk.read", () => One(s => (double?)s.DiskIo?.ReadBytes), "By", "Bytes read from whole disks since boot (/proc/diskstats)");
        _meter.CreateObservableCounter("hardware.disk.written", () => One(s => (double?)s.DiskIo?.WriteBytes), "By", "Bytes written to whole disks since boot");
        _meter.CreateObservableCounter("hardware.disk.reads", () => One(s => (double?)s.DiskIo?.ReadCount), "{read}", "Reads completed on whole disks since boot");
        _meter.CreateObservableCounter("hardware.disk.writes", () => One(s => (double?)s.DiskIo?.WriteCount), "{write}", "Writes completed on whole disks since boot");
        _meter.CreateObservableGauge("hardware.filesystem.size", () => Each(s => s.Filesystems, f => f.TotalBytes, f => Tag("mount", f.MountPoint)), "By", "Size of each configured mount point");
        _meter.CreateObservableGauge("hardware.filesystem.used", () => Each(s => s.Filesystems, f => f.UsedBytes, f => Tag("mount", f.MountPoint)), "By", "Space used on each configured mount point");
        _meter.CreateObservableGauge("hardware.filesystem.free", () => Each(s => s.Filesystems, f => f.FreeBytes, f => Tag("mount", f.MountPoint)), "By", "Space available to unprivileged users on each configured mount point");
    }

    private void CreateNetwork()
    {
        Interface("hardware.network.received", i => i.BytesReceived, "By", "Bytes received");
        Interface("hardware.network.transmitted", i => i.BytesSent, "By", "Bytes sent");
        Interface("hardware.network.received.packets", i => i.PacketsReceived, "{packet}", "Packets received");
        Interface("hardware.network.transmitted.packets", i => i.PacketsSent, "{packet}", "Packets sent");
        Interface("hardware.network.receive.errors", i => i.ErrorsIn, "{error}", "Receive errors");
        Interface("hardware.network.transmit.errors", i => i.ErrorsOut, "{error}", "Transmit errors");
        Interface("hardware.network.receive.drops", i => i.DropsIn, "{packet}", "Received packets dropped");
        Interface("hardware.network.transmit.drops", i => i.DropsOut, "{packet}", "Packets dropped on transmit");
        _meter.CreateObservableGauge("hardware.wireless.signal.dbm", () => Each(s => s.WirelessSignalDbm?.ToArray(), w => w.Value, w => Tag("device", w.Key)), description: "Signal level of each associated wireless interface, in dBm (/proc/net/wireless)");
        _meter.CreateObservableGauge("hardware.tcp.connections", () => One(s => s.ActiveConnections), "{connection}", "TCP sockets, IPv4 and IPv6, not in LISTEN state");
    }

    private void CreateBoard()
    {
        _meter.CreateObservableGauge("hardware.throttle.active", () => Throttle(occurred: false), description: "1 while the Raspberry Pi firmware reports the condition (get_throttled bits 0-3)");
        _meter.CreateObservableGauge("hardware.throttle.occurred", () => Throttle(occurred: true), description: "1 when the condition has occurred since boot (get_throttled bits 16-19)");
        _meter.CreateObservableGauge("hardware.core.voltage", () => One(s => s.RaspberryPi?.CoreVolts), "V", "Raspberry Pi core voltage (vcgencmd measure_volts core)");
        _meter.CreateObservableGauge("hardware.clock.frequency", Clocks, "Hz", "Raspberry Pi clocks: arm, core (VideoCore), v3d, sdram");
        _meter.CreateObservableGauge("hardware.gpu.memory", () => One(s => s.RaspberryPi?.GpuMemoryBytes), "By", "Memory given to the Raspberry Pi GPU (vcgencmd get_mem gpu)");
        _meter.CreateObservableGauge("hardware.gpu.utilization", () => One(s => s.Jetson?.GpuLoadPercent / 100), "1", "Jetson GPU load (tegrastats GR3D, else sysfs)");
        _meter.CreateObservableGauge("hardware.gpu.frequency", () => One(s => s.Jetson?.GpuFrequencyMhz * 1e6), "Hz", "Jetson GPU frequency (tegrastats GR3D, else devfreq)");
        _meter.CreateObservableGauge("hardware.power", () => Rails(r => r.CurrentMilliwatts), "W", "Jetson power rail, present reading (tegrastats)");
        _meter.CreateObservableGauge("hardware.power.average", () => Rails(r => r.AverageMilliwatts), "W", "Jetson power rail, tegrastats' running average");
        _meter.CreateObservableCounter("hardware.tegrastats.restarts", () => One(s => s.Jetson?.Restarts), "{restart}", "Times tegrastats was restarted after it exited or stalled");
    }

    private void Interface(string name, Func<InterfaceCounters, ulong> value, string unit, string description)
        => _meter.CreateObservableCounter(name, () => Each(s => s.NetworkInterfaces, i => (double)value(i), i => Tag("device", i.Name)), unit, description + " since boot, per interface (/proc/net/dev)");

    private Measurement<double>[] One(Func<HardwareSnapshot, double?> read)
        => _latest() is { } s && read(s) is { } value ? [new Measurement<double>(value)] : [];

    private Measurement<double>[] SourcesUp()
    {
        if (_latest() is not { } s)
        {
            return [];
        }

        // expected tells a fault (vcgencmd failing on a Pi) from a source this board does not have (no nv_tegra_release on a Pi).
        return [.. s.Sources.Select(p => new Measurement<double>(
            p.Value == HardwareSnapshot.Ok ? 1 : 0,
            Tag("source", p.Key),
            Tag("expected", s.ExpectedSources.Contains(p.Key) ? "true" : "false")))];
    }

    private Measurement<double>[] OverCurrentEvents()
    {
        if (_latest()?.Jetson is not { OverCurrent.Count: > 0 } jetson)
        {
            return [];
        }

        var points = new List<Measurement<double>>(jetson.OverCurrent.Count);
        foreach (OverCurrentCounter c in jetson.OverCurrent)
        {
            if (c.Events is long events)
            {
                points.Add(new Measurement<double>(events, Tag("counter", c.Name), new KeyValuePair<string, object?>("meaning", c.Meaning)));
            }
        }

        return [.. points];
    }

    private Measurement<double>[] PowerModeId()
        => _latest()?.Jetson?.PowerMode is { } mode ? [new Measurement<double>(mode.Id, Tag("name", mode.Name ?? "unnamed"))] : [];

    private Measurement<double>[] EmmcLifeTimes()
    {
        if (_latest() is not { } snapshot || snapshot.Emmc.Count == 0)
        {
            return [];
        }

        var points = new List<Measurement<double>>(snapshot.Emmc.Count * 2);
        foreach (EmmcHealth e in snapshot.Emmc)
        {
            if (e.LifeTimeA is int a)
            {
                points.Add(new Measurement<double>(a, Tag("device", e.Device), new KeyValuePair<string, object?>("type", "A")));
            }

            if (e.LifeTimeB is int b)
            {
                points.Add(new Measurement<double>(b, Tag("device", e.Device), new KeyValuePair<string, object?>("type", "B")));
            }
        }

        return [.. points];
    }

    private Measurement<double>[] Each<T>(Func<HardwareSnapshot, IReadOnlyList<T>?> items, Func<T, double?> read, Func<T, KeyValuePair<string, object?>> tag)
        => Measure(items, read, (item, value) => new Measurement<double>(value, tag(item)));

    private Measurement<double>[] Each<T>(Func<HardwareSnapshot, IReadOnlyList<T>?> items, Func<T, double?> read, Func<T, KeyValuePair<string, object?>> first, Func<T, KeyValuePair<string, object?>> second)
        => Measure(items, read, (item, value) => new Measurement<double>(value, first(item), second(item)));

    /// <summary>A measurement for each item of the newest snapshot's list that has a value; none before the first snapshot.</summary>
    private Measurement<double>[] Measure<T>(Func<HardwareSnapshot, IReadOnlyList<T>?> items, Func<T, double?> read, Func<T, double, Measurement<double>> make)
    {
        if (_latest() is not { } s || items(s) is not { } list)
        {
            return [];
        }

        var measurements = new List<Measurement<double>>(list.Count);
        foreach (T item in list)
        {
            if (read(item) is { } value)
            {
                measurements.Add(make(item, value));
            }
        }

        return [.. measurements];
    }

    private Measurement<double>[] ReadCpuTimes()
    {
        if (_latest()?.Cpu.Times is not { } times)
        {
            return [];
        }

        var measurements = new List<Measurement<double>>(times.Cores.Count * Modes.Length);
        foreach (CoreTimes core in times.Cores)
        {
            KeyValuePair<string, object?> cpu = Tag("cpu", core.Id);
            foreach ((string mode, Func<CpuTimes, ulong> ticks) in Modes)
            {
                measurements.Add(new Measurement<double>(ticks(core.Times) / TicksPerSecond, cpu, new("mode", mode)));
            }
        }

        return [.. measurements];
    }

    private Measurement<double>[] LoadAverages()
        => _latest()?.LoadAverage is { } l
            ? [new(l.OneMinute, Tag("period", "1m")), new(l.FiveMinutes, Tag("period", "5m")), new(l.FifteenMinutes, Tag("period", "15m"))]
            : [];

    private Measurement<double>[] Throttle(bool occurred)
    {
        if (_latest()?.RaspberryPi?.Throttle is not { } state)
        {
            return [];
        }

        var conditions = (ThrottleConditions)state.Raw;
        return [.. ThrottleFlag.All.Select(f => new Measurement<double>(conditions.HasFlag(occurred ? f.Occurred : f.Now) ? 1 : 0, Tag("flag", f.Name)))];
    }

    private Measurement<double>[] Clocks()
    {
        RaspberryPiReading? pi = _latest()?.RaspberryPi;
        return pi is null ? [] : [.. new[] { ("arm", pi.ArmClockHz), ("core", pi.CoreClockHz), ("v3d", pi.V3dClockHz), ("sdram", pi.SdramClockHz) }
            .Where(c => c.Item2 is not null)
            .Select(c => new Measurement<double>(c.Item2!.Value, Tag("clock", c.Item1)))];
    }

    private Measurement<double>[] Rails(Func<TegraRail, int> milliwatts)
    {
        // A rail's key is unique in its line (AGX Orin prints two rails named NC): neither series is lost.
        IReadOnlyList<TegraRail> rails = _latest()?.Jetson?.Sample?.Rails ?? [];
        var measurements = new Measurement<double>[rails.Count];
        for (int i = 0; i < measurements.Length; i++)
        {
            measurements[i] = new Measurement<double>(milliwatts(rails[i]) / 1000.0, Tag("rail", rails[i].Key));
        }

        return measurements;
    }

    private void CreateSensors()
    {
        // The exporter names units it knows (Cel, V, A, W, "1"); pascals and lux it does not, so they are in the names.
        Sensor("hardware.sensor.temperature", SensorQuantity.Temperature, "Cel", 1, "Temperature of each IIO sensor and environment sensor chip");
        Sensor("hardware.sensor.humidity", SensorQuantity.Humidity, "1", 100, "Relative humidity of each sensor, 0-1 (IIO in_humidityrelative, hwmon humidityN)");
        Sensor("hardware.sensor.pressure.pascals", SensorQuantity.Pressure, null, 0.01, "Pressure of each sensor (IIO in_pressure)");
        Sensor("hardware.sensor.illuminance.lux", SensorQuantity.Illuminance, null, 1, "Illuminance of each light sensor (IIO in_illuminance)");
        Sensor("hardware.sensor.voltage", SensorQuantity.Voltage, "V", 1, "Voltage of each sensor channel (IIO in_voltage, hwmon inN: INA219 shunt and bus, INA3221 bus)");
        Sensor("hardware.sensor.current", SensorQuantity.Current, "A", 1, "Current of each sensor channel (IIO in_current, hwmon currN)");
        Sensor("hardware.sensor.power", SensorQuantity.Power, "W", 1, "Power of each sensor channel (hwmon powerN; an INA3221 channel's bus volts × amperes)");
        _meter.CreateObservableGauge("hardware.pmic.voltage", () => Each(s => s.RaspberryPi?.Pmic?.Rails, r => r.Volts, r => Tag("rail", r.Name)), "V", "Raspberry Pi 5 PMIC rail voltage, EXT5V the 5 V input (vcgencmd pmic_read_adc)");
        _meter.CreateObservableGauge("hardware.pmic.current", () => Each(s => s.RaspberryPi?.Pmic?.Rails, r => r.Amperes, r => Tag("rail", r.Name)), "A", "Raspberry Pi 5 PMIC rail current (vcgencmd pmic_read_adc)");
        _meter.CreateObservableGauge("hardware.ups.status", () => Each(s => s.Ups?.Status, static _ => 1, f => Tag("flag", f)), description: "1 for each ups.status flag the UPS reports now (OL on line, OB on battery, LB low battery, CHRG, DISCHRG, RB replace battery, …), through its NUT server");
        _meter.CreateObservableGauge("hardware.ups.battery.charge", () => One(s => s.Ups?.ChargePercent / 100), "1", "UPS battery charge, 0-1 (NUT battery.charge)");
        _meter.CreateObservableGauge("hardware.ups.battery.runtime", () => One(s => s.Ups?.RuntimeSeconds), "s", "UPS runtime left on battery (NUT battery.runtime)");
        _meter.CreateObservableGauge("hardware.ups.load", () => One(s => s.Ups?.LoadPercent / 100), "1", "UPS load, share of its rated power (NUT ups.load)");
        _meter.CreateObservableGauge("hardware.ups.input.voltage", () => One(s => s.Ups?.InputVolts), "V", "UPS input voltage (NUT input.voltage)");
        _meter.CreateObservableGauge("hardware.ups.battery.voltage", () => One(s => s.Ups?.BatteryVolts), "V", "UPS battery voltage (NUT battery.voltage)");
        _meter.CreateObservableGauge("hardware.pmic.power", () => One(s => s.RaspberryPi?.Pmic?.EstimatedWatts), "W", "Raspberry Pi 5 power estimate: the sum of volts × amperes over the PMIC rails");
    }

    /// <summary>One quantity's instrument: each sensor's value divided by <paramref name="divisor"/> (100 for percent to a ratio).</summary>
    private void Sensor(string name, SensorQuantity quantity, string? unit, double divisor, string description)
        => _meter.CreateObservableGauge(
            name,
            () => Each(s => s.Sensors, r => r.Quantity == quantity ? r.Value / divisor : null, r => Tag("chip", r.Chip), r => Tag("label", r.Key[(r.Chip.Length + 1)..])),
            unit,
            description);

    private static KeyValuePair<string, object?> Tag(string name, object value) => new(name, value is int i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : value);
}
