namespace MonitorWorker.Stats;

/// <summary>
/// The <c>/stats</c> body: every field of piStat's, same names and units, plus SPEC §5's additions. Serialised
/// snake_case. <c>demo</c> names the fixture board when the readings are a demo's, and is null on real hardware;
/// <c>hostname</c>, <c>ip</c> (the primary address), <c>version</c> and <c>labels</c> (PISTAT_LABELS) say which agent
/// answered, for fleet views that poll it.
/// </summary>
public sealed record StatsResponse(
    double? CpuTemp,
    double? CpuFreq,
    double? CpuUsage,
    IReadOnlyList<double?> PerCpuUsage,
    MemoryStats? Memory,
    SwapStats? Swap,
    DiskStats? Disk,
    DiskIoStats? DiskIo,
    double? Uptime,
    IReadOnlyList<double>? LoadAvg,
    double Timestamp,
    GpuStats Gpu,
    PowerStats Power,
    ClockStats Clocks,
    NetworkStats Network,
    HardwareStats Hardware,
    string Board,
    IReadOnlyDictionary<string, double?> Temperatures,
    IReadOnlyList<double?> PerCpuFreq,
    IReadOnlyDictionary<string, DiskStats> Disks,
    IReadOnlyDictionary<string, InterfaceRateStats>? NetworkRates,
    DiskRateStats? DiskRates,
    IReadOnlyList<FanStats> Fans,
    IReadOnlyList<CoolingDeviceStats> CoolingDevices,
    IReadOnlyList<EmmcStats> Emmc,
    PowerModeStats? PowerMode,
    IReadOnlyList<OverCurrentStats> OverCurrent,
    IReadOnlyDictionary<string, string> Sources,
    double SampleAgeSeconds,
    string? Demo = null,
    string? Hostname = null,
    string? Ip = null,
    string? Version = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyList<SensorStats>? Sensors = null,
    PmicStats? Pmic = null,
    PowerResetStats? PowerReset = null,
    UpsStats? Ups = null);

/// <summary>
/// The UPS read through PISTAT_NUT_URL: its name, model, <c>ups.status</c> flags, on battery (<c>OB</c>) and low
/// battery (<c>LB</c>), charge in percent, runtime left in seconds, load in percent, input and battery volts, and the
/// figures the server gave out of range.
/// </summary>
public sealed record UpsStats(string Name, string? Model, IReadOnlyList<string> Status, bool OnBattery, bool LowBattery, double? ChargePercent, double? RuntimeSeconds, double? LoadPercent, double? InputVolts, double? BatteryVolts, IReadOnlyList<string> Problems);

/// <summary>
/// One sensor channel (IIO or an hwmon sensor chip): <c>key</c> unique in the list (<c>chip label</c>), the quantity
/// (<c>temperature</c>, <c>humidity</c>, <c>pressure</c>, <c>illuminance</c>, <c>voltage</c>, <c>current</c>,
/// <c>power</c>), the value in <c>unit</c> (°C, %, hPa, lx, V, A, W), the file read, and why the value is null.
/// <c>derived</c> marks a value computed from two files (an INA3221 channel's power).
/// </summary>
public sealed record SensorStats(string Key, string Chip, string Label, string Quantity, double? Value, string Unit, string Source, string? Error, bool Derived);

/// <summary>
/// A Raspberry Pi 5's PMIC: the 5 V input in volts (<c>EXT5V_V</c>), the power estimate in watts (Σ volts × amperes
/// over the rails with both), and each rail's volts, amperes and watts.
/// </summary>
public sealed record PmicStats(double? Ext5vVolts, double? EstimatedWatts, IReadOnlyDictionary<string, PmicRailStats> Rails);

/// <summary>One PMIC rail: volts, amperes (null for EXT5V and BATT, which have no current sensor), watts.</summary>
public sealed record PmicRailStats(double? Volts, double? Amperes, double? Watts);

/// <summary>Why a Raspberry Pi 5's PMIC last cut the power: the <c>power_reset</c> cell, its causes, in words.</summary>
public sealed record PowerResetStats(uint Value, IReadOnlyList<string> Causes, string Description);

/// <summary>Memory in bytes; percent = (total − available) / total × 100.</summary>
public sealed record MemoryStats(long Total, long Available, long Used, double Percent);

/// <summary>Swap in bytes.</summary>
public sealed record SwapStats(long Total, long Used, long Free, double Percent);

/// <summary>Filesystem usage in bytes; free = available to unprivileged users.</summary>
public sealed record DiskStats(long Total, long Used, long Free, double Percent);

/// <summary>I/O counters summed over whole disks.</summary>
public sealed record DiskIoStats(ulong ReadCount, ulong WriteCount, ulong ReadBytes, ulong WriteBytes);

/// <summary>GPU: temperature °C, memory bytes (Pi split), v3d clock Hz (Pi), load % and frequency MHz (Jetson).</summary>
public sealed record GpuStats(double? Temperature, long? Memory, long? V3dClock, double? LoadPercent, double? FreqMhz);

/// <summary>Power and throttling: core volts and the get_throttled flags (Pi), rails in mW (Jetson).</summary>
public sealed record PowerStats(
    double? CoreVoltage,
    bool? UnderVoltage,
    bool? Throttled,
    bool? FreqCapped,
    bool? SoftTempLimit,
    bool? UnderVoltageOccurred,
    bool? FreqCappedOccurred,
    bool? ThrottledOccurred,
    bool? SoftTempLimitOccurred,
    IReadOnlyDictionary<string, RailStats>? Rails);

/// <summary>A power rail in mW.</summary>
public sealed record RailStats(int CurrentMw, int AverageMw);

/// <summary>Clocks in Hz (Pi).</summary>
public sealed record ClockStats(long? Arm, long? Core, long? Sdram);

/// <summary>Per-interface counters (lo excluded) and the TCP sockets not in LISTEN.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(NetworkStatsConverter))]
public sealed record NetworkStats(IReadOnlyDictionary<string, InterfaceStats> Interfaces, int? ActiveConnections);

/// <summary>One interface's counters; signal strength in dBm for associated wireless interfaces.</summary>
public sealed record InterfaceStats(
    ulong BytesSent,
    ulong BytesRecv,
    ulong PacketsSent,
    ulong PacketsRecv,
    ulong Errin,
    ulong Errout,
    ulong Dropin,
    ulong Dropout,
    int? SignalStrength);

/// <summary>One interface's traffic per second since the previous sample (lo excluded); null where a counter went backwards.</summary>
public sealed record InterfaceRateStats(double? RxBytesPerSecond, double? TxBytesPerSecond, double? RxPacketsPerSecond, double? TxPacketsPerSecond);

/// <summary>Disk traffic per second since the previous sample, over whole disks; null where a counter went backwards.</summary>
public sealed record DiskRateStats(double? ReadBytesPerSecond, double? WriteBytesPerSecond, double? ReadOpsPerSecond, double? WriteOpsPerSecond);

/// <summary>One fan: RPM from its tachometer, duty cycle driven now and (Jetson) asked for, in percent; null where the fan has no such file.</summary>
public sealed record FanStats(string Name, string Source, double? Rpm, double? PwmPercent, double? TargetPwmPercent);

/// <summary>One thermal cooling device and its step, 0 (no cooling) to max_state.</summary>
public sealed record CoolingDeviceStats(string Type, string Device, long? State, long? MaxState);

/// <summary>
/// One eMMC device's wear (JEDEC extended CSD): life_time_a/_b the estimates 1–11 (1 = 0–10 % of the rated life used,
/// 11 = exceeded) with their meaning in words, pre_eol 1–3 (normal, warning, urgent). SD cards report none.
/// </summary>
public sealed record EmmcStats(string Device, int? LifeTimeA, string? LifeUsedA, int? LifeTimeB, string? LifeUsedB, int? PreEol, string? PreEolStatus);

/// <summary>The Jetson power mode nvpmodel last set, by id and name; null on other boards and where nvpmodel has not run.</summary>
public sealed record PowerModeStats(int Id, string? Name);

/// <summary>A Jetson over-current counter (hwmon soctherm_oc): events since boot, and whether they throttle.</summary>
public sealed record OverCurrentStats(string Name, string Meaning, long? Events, bool? ThrottleEnabled);

/// <summary>Identity.</summary>
public sealed record HardwareStats(string? Model, string? Serial, string? Firmware, int? UsbDevices);
