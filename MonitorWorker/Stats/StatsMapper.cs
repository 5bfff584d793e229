using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;
using MonitorWorker.Json;
using MonitorWorker.Service;

namespace MonitorWorker.Stats;

/// <summary>Turns a snapshot into the <c>/stats</c> body.</summary>
public static class StatsMapper
{
    public static StatsResponse Map(HardwareSnapshot s, DateTimeOffset now, string? demo = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        RaspberryPiReading? pi = s.RaspberryPi;
        JetsonReading? jetson = s.Jetson;
        ThrottleState? throttle = pi?.Throttle;
        FilesystemUsage? first = s.Filesystems.Count > 0 ? s.Filesystems[0] : null;

        return new StatsResponse(
            CpuTemp: s.CpuTemperatureCelsius,
            CpuFreq: s.Cpu.FrequencyMhz,
            CpuUsage: s.Cpu.UsagePercent,
            PerCpuUsage: [.. s.Cpu.Cores.Select(c => c.UsagePercent)],
            Memory: s.Memory is { } m ? new MemoryStats(m.TotalBytes, m.AvailableBytes, m.UsedBytes, m.Percent) : null,
            Swap: s.Swap is { } w ? new SwapStats(w.TotalBytes, w.UsedBytes, w.FreeBytes, w.Percent) : null,
            Disk: first is null ? null : Disk(first),
            DiskIo: s.DiskIo is { } io ? new DiskIoStats(io.ReadCount, io.WriteCount, io.ReadBytes, io.WriteBytes) : null,
            Uptime: s.UptimeSeconds,
            LoadAvg: s.LoadAverage is { } l ? [l.OneMinute, l.FiveMinutes, l.FifteenMinutes] : null,
            Timestamp: Timestamps.UnixSeconds(s.Timestamp),
            Gpu: new GpuStats(s.GpuTemperatureCelsius, pi?.GpuMemoryBytes, pi?.V3dClockHz, jetson?.GpuLoadPercent, jetson?.GpuFrequencyMhz),
            Power: new PowerStats(
                pi?.CoreVolts,
                pi?.UnderVoltageNow,
                throttle?.Throttled,
                throttle?.ArmFrequencyCapped,
                throttle?.SoftTemperatureLimit,
                throttle?.UnderVoltageOccurred,
                throttle?.ArmFrequencyCappedOccurred,
                throttle?.ThrottledOccurred,
                throttle?.SoftTemperatureLimitOccurred,
                jetson?.Sample is { } sample ? Rails(sample.Rails) : null),
            Clocks: new ClockStats(pi?.ArmClockHz, pi?.CoreClockHz, pi?.SdramClockHz),
            Network: Network(s),
            Hardware: new HardwareStats(s.Identity.Model, s.Identity.Serial, Firmware(s), s.UsbDevices),
            Board: BoardName(s.Identity.Board),
            Temperatures: Temperatures(s.Temperatures),
            PerCpuFreq: [.. s.Cpu.Cores.Select(c => c.FrequencyMhz)],
            Disks: s.Filesystems.ToDictionary(f => f.MountPoint, Disk, StringComparer.Ordinal),
            NetworkRates: NetworkRates(s.NetworkRates),
            Fans: [.. s.Fans.Select(static f => new FanStats(f.Name, f.Source, f.Rpm, f.PwmPercent, f.TargetPwmPercent))],
            CoolingDevices: [.. s.CoolingDevices.Select(static c => new CoolingDeviceStats(c.Type, c.Source, c.State, c.MaxState))],
            PowerMode: jetson?.PowerMode is { } mode ? new PowerModeStats(mode.Id, mode.Name) : null,
            OverCurrent: jetson is null ? [] : [.. jetson.OverCurrent.Select(static c => new OverCurrentStats(c.Name, c.Meaning, c.Events, c.ThrottleEnabled))],
            Emmc: [.. s.Emmc.Select(static e => new EmmcStats(e.Device, e.LifeTimeA, EmmcHealth.DescribeLifeTime(e.LifeTimeA), e.LifeTimeB, EmmcHealth.DescribeLifeTime(e.LifeTimeB), e.PreEol, EmmcHealth.DescribePreEol(e.PreEol)))],
            DiskRates: s.DiskRates is { } d ? new DiskRateStats(Rounded(d.ReadBytesPerSecond), Rounded(d.WriteBytesPerSecond), Rounded(d.ReadOpsPerSecond), Rounded(d.WriteOpsPerSecond)) : null,
            Sources: s.Sources,
            SampleAgeSeconds: Math.Max(0, (now - s.Timestamp).TotalSeconds),
            Demo: demo,
            Hostname: Service.ServiceIdentity.NodeName(demo),
            Ip: Service.HostAddress.Primary,
            Version: Service.ServiceIdentity.Version,
            Labels: labels ?? new Dictionary<string, string>(),
            Sensors: [.. s.Sensors.Select(static r => new SensorStats(r.Key, r.Chip, r.Label, HardwareProbes.Sensors.SensorUnits.NameOf(r.Quantity), r.Value, r.Unit, r.Source, r.Failure, r.Derived))],
            Pmic: pi?.Pmic is { } pmic
                ? new PmicStats(pmic.Ext5vVolts, pmic.EstimatedWatts, pmic.Rails.ToDictionary(r => r.Name, r => new PmicRailStats(r.Volts, r.Amperes, r.Watts), StringComparer.Ordinal))
                : null,
            PowerReset: pi?.PowerReset is { } reset ? new PowerResetStats(reset.Value, reset.Causes, reset.Description) : null,
            Ups: s.Ups is { } u ? new UpsStats(u.Name, u.Model, u.Status, u.OnBattery, u.LowBattery, u.ChargePercent, u.RuntimeSeconds, u.LoadPercent, u.InputVolts, u.BatteryVolts, u.Problems) : null);
    }


    public static string BoardName(BoardKind board) => board switch
    {
        BoardKind.RaspberryPi => "raspberry-pi",
        BoardKind.Jetson => "jetson",
        BoardKind.Windows => "windows",
        _ => "linux",
    };

    private static DiskStats Disk(FilesystemUsage f) => new(f.TotalBytes, f.UsedBytes, f.FreeBytes, f.Percent);

    private static string? Firmware(HardwareSnapshot s)
        => s.RaspberryPi?.Firmware?.Version ?? (s.Identity.TegraRelease is { } r ? $"L4T {r.Version}" : null);

    /// <summary>Rails by key: a repeated name (AGX Orin's two NC rails) has a numbered key, so neither is lost.</summary>
    private static Dictionary<string, RailStats> Rails(IReadOnlyList<TegraRail> rails)
    {
        var map = new Dictionary<string, RailStats>(StringComparer.Ordinal);
        foreach (TegraRail rail in rails)
        {
            map[rail.Key] = new RailStats(rail.CurrentMilliwatts, rail.AverageMilliwatts);
        }

        return map;
    }

    /// <summary>Every zone and sensor by key: a repeated name has a numbered key, so neither reading is lost.</summary>
    public static Dictionary<string, double?> Temperatures(IReadOnlyList<TemperatureReading> readings)
    {
        var map = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (TemperatureReading reading in readings)
        {
            map[reading.Key] = reading.Celsius;
        }

        return map;
    }

    private static Dictionary<string, InterfaceRateStats>? NetworkRates(IReadOnlyList<InterfaceRate>? rates)
    {
        if (rates is null)
        {
            return null;
        }

        var byName = new Dictionary<string, InterfaceRateStats>(StringComparer.Ordinal);
        foreach (InterfaceRate r in rates)
        {
            if (r.Name != "lo")
            {
                byName[r.Name] = new InterfaceRateStats(Rounded(r.ReceiveBytesPerSecond), Rounded(r.SendBytesPerSecond), Rounded(r.ReceivePacketsPerSecond), Rounded(r.SendPacketsPerSecond));
            }
        }

        return byName;
    }

    private static double? Rounded(double? perSecond) => perSecond is double v ? Math.Round(v, 1) : null;

    internal static NetworkStats Network(HardwareSnapshot s)
    {
        var interfaces = new Dictionary<string, InterfaceStats>(StringComparer.Ordinal);
        foreach (InterfaceCounters i in s.NetworkInterfaces ?? [])
        {
            if (i.Name == "lo")
            {
                continue;
            }

            int? signal = s.WirelessSignalDbm is { } w && w.TryGetValue(i.Name, out int dbm) ? dbm : null;
            interfaces[i.Name] = new InterfaceStats(i.BytesSent, i.BytesReceived, i.PacketsSent, i.PacketsReceived, i.ErrorsIn, i.ErrorsOut, i.DropsIn, i.DropsOut, signal);
        }

        return new NetworkStats(interfaces, s.ActiveConnections);
    }
}
