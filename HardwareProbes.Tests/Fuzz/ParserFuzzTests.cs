using System.Diagnostics;
using HardwareProbes.Cpu;
using HardwareProbes.Machine;
using HardwareProbes.Identity;
using HardwareProbes.IO;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;

namespace HardwareProbes.Tests.Fuzz;

/// <summary>
/// Every public parser over mutations of every capture in <c>fixtures/captures</c>: a parser either returns a value
/// inside its documented range or throws <see cref="FormatException"/>, the one exception its callers expect.
/// </summary>
[TestClass]
public sealed class ParserFuzzTests
{
    /// <summary>Mutations per capture; with every parser over each, the total is above 100 000 inputs.</summary>
    private const int MutationsPerCapture = 64;

    private const int Seed = 20261201;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Each parser with the range checks of its result; a check failure is an exception other than FormatException.</summary>
    private static readonly (string Name, Action<string> Parse)[] Parsers =
    [
        ("MemInfo", text => CheckMemory(MemInfo.Parse(text))),
        ("CpuCounters", text => CheckProcStat(CpuCounters.Parse(text))),
        ("CpuList", text => CheckIds(CpuList.Parse(text), "CpuList")),
        ("LoadAverage", text => CheckLoad(LoadAverage.Parse(text))),
        ("Uptime", text => Require(Uptime.ParseSeconds(text) is >= 0 and < double.PositiveInfinity, "uptime")),
        ("ProcDiskStats", text => CheckDisks(ProcDiskStats.Parse(text))),
        ("NetDev", text => Require(NetDev.Parse(text).All(i => i.Name.Length > 0), "interface name")),
        ("TcpSockets", text => Require(TcpSockets.CountNotListening(text) >= 0, "socket count")),
        ("WirelessSignal", text => Require(WirelessSignal.Parse(text).Values.All(d => d is >= WirelessSignal.MinDbm and <= 0), "dBm")),
        ("CpuInfo", text => CheckCpuInfo(CpuInfo.Parse(text))),
        ("TegraRelease", text => Require(TegraRelease.Parse(text).Major >= 0, "release")),
        ("FirmwareVersion", text => Require(FirmwareVersion.Parse(text).Version.Length > 0, "firmware version")),
        ("PmicReading", text => CheckPmic(PmicReading.Parse(text))),
        ("NutReply", text => CheckUps(HardwareProbes.Ups.NutReply.ToReading("garage", HardwareProbes.Ups.NutReply.ParseVariables(text, "garage")))),
        ("ThrottleState", text => CheckThrottle(ThrottleState.Parse(text), text)),
        ("VcgencmdReply.ParseTemperature", text => Require(VcgencmdReply.ParseTemperature(text) is >= Millidegrees.MinimumCelsius and <= Millidegrees.MaximumCelsius, "°C")),
        ("VcgencmdReply.ParseVolts", text => Require(VcgencmdReply.ParseVolts(text) is >= 0 and <= VcgencmdReply.MaxVolts, "V")),
        ("VcgencmdReply.ParseClock", text => Require(VcgencmdReply.ParseClock(text) is >= 0 and <= VcgencmdReply.MaxClockHz, "Hz")),
        ("VcgencmdReply.ParseMemory", text => Require(VcgencmdReply.ParseMemory(text) is >= 0 and <= VcgencmdReply.MaxMemoryBytes, "bytes")),
        ("VcgencmdReply.ParseConfigInteger", text => Require(text.Contains(VcgencmdReply.ParseConfigInteger(text).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "config integer: not the reply's own figure")),
        ("VcgencmdReply.IsError", CheckError),
        ("TegrastatsLine", CheckTegrastats),
        ("sysfs integer", CheckMillidegrees),
    ];

    [TestMethod]
    public void EveryParser_OverMutatedCaptures_ReturnsInRangeOrThrowsFormatException()
    {
        string[] captures = [.. Directory.EnumerateFiles(Path.Combine(Fixtures.Root, "captures")).Order(StringComparer.Ordinal)];
        var mutator = new Mutator(Seed);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        long inputs = 0;
        var clock = Stopwatch.StartNew();
        foreach (string capture in captures)
        {
            string original = File.ReadAllText(capture);
            for (int m = 0; m <= MutationsPerCapture; m++)
            {
                string text = m == 0 ? original : mutator.Mutate(original);
                foreach ((string name, Action<string> parse) in Parsers)
                {
                    inputs++;
                    try
                    {
                        parse(text);
                    }
                    catch (FormatException)
                    {
                        // the documented failure
                    }
                    catch (Exception e)
                    {
                        // One example per parser and exception type is enough to find the defect.
                        failures.TryAdd($"{name}: {e.GetType().Name}", $"{e.Message} (from {Path.GetFileName(capture)}, mutation {m}: \"{Shorten(text)}\")");
                    }
                }
            }
        }

        TestContext.WriteLine($"{inputs} inputs in {clock.Elapsed.TotalSeconds:0.0} s over {captures.Length} captures");
        Assert.IsGreaterThanOrEqualTo(100_000, inputs);
        Assert.IsEmpty(failures, string.Join("\n", failures.Select(f => $"{f.Key}: {f.Value}")));
    }

    /// <summary>Range checks throw this, so that a value out of range counts as a failure like an unexpected exception.</summary>
    private sealed class OutOfRangeReading(string what) : Exception($"out-of-range {what}");

    private static void CheckUps(HardwareProbes.Ups.UpsReading ups)
    {
        Require(ups.ChargePercent is null or (>= 0 and <= 100) && ups.LoadPercent is null or (>= 0 and <= 200), "UPS charge and load");
        Require(ups.RuntimeSeconds is null or >= 0 && ups.InputVolts is null or (>= 0 and <= 500) && ups.BatteryVolts is null or (>= 0 and <= 500), "UPS runtime and volts");
        Require(ups.Status.All(f => f.Length > 0 && !f.Contains(' ', StringComparison.Ordinal)), "UPS status flags");
    }

    private static void CheckPmic(PmicReading pmic)
    {
        Require(pmic.Rails.Count > 0 && pmic.Rails.All(r => r.Name.Length > 0), "PMIC rails");
        Require(pmic.Rails.All(r => r.Volts is null or (>= 0 and <= VcgencmdReply.MaxVolts) && r.Amperes is null or (>= 0 and <= PmicReading.MaxAmperes)), "PMIC volts and amperes");
        Require(pmic.EstimatedWatts is null or (>= 0 and < double.PositiveInfinity), "PMIC power estimate");
    }

    private static void Require(bool inRange, string what)
    {
        if (!inRange)
        {
            throw new OutOfRangeReading(what);
        }
    }

    /// <summary>The mask is the figure the reply wrote, and each flag is its bit of that figure.</summary>
    private static void CheckThrottle(ThrottleState state, string text)
    {
        Require(text.Contains(state.Raw.ToString("x", System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase), "throttle mask: not the reply's own figure");
        bool Bit(int n) => ((state.Raw >> n) & 1) == 1;
        Require(state.UnderVoltage == Bit(0) && state.ArmFrequencyCapped == Bit(1) && state.Throttled == Bit(2) && state.SoftTemperatureLimit == Bit(3)
            && state.UnderVoltageOccurred == Bit(16) && state.ThrottledOccurred == Bit(18), "throttle flags against the mask's bits");
    }

    /// <summary>An error reply has a message taken from the reply; any other has none.</summary>
    private static void CheckError(string text)
    {
        bool error = VcgencmdReply.IsError(text, out string? message);
        Require(error ? message is { Length: > 0 } && text.Contains(message, StringComparison.Ordinal) : message is null, "vcgencmd error message");
    }

    /// <summary>A temperature inside the physical range, or null with the reason.</summary>
    private static void CheckMillidegrees(string text)
    {
        double? celsius = Millidegrees.ToCelsius(TextLines.ParseSingleInt64(text), out string? failure);
        Require(celsius is null ? failure is { Length: > 0 } : celsius is >= Millidegrees.MinimumCelsius and <= Millidegrees.MaximumCelsius && failure is null, "sysfs temperature");
    }

    private static void CheckMemory(MemInfo info)
    {
        MemoryReading memory = MemoryReading.From(info);
        SwapReading swap = SwapReading.From(info);
        Require(memory.TotalBytes > 0 && memory.AvailableBytes is >= 0 && memory.AvailableBytes <= memory.TotalBytes, "available memory");
        Require(memory.UsedBytes >= 0 && memory.UsedBytes <= memory.TotalBytes && memory.FreeBytes <= memory.TotalBytes, "used memory");
        Require(memory.Percent is >= 0 and <= 100 && swap.Percent is >= 0 and <= 100, "memory percent");
        Require(swap.UsedBytes >= 0 && swap.UsedBytes <= swap.TotalBytes, "used swap");
    }

    private static void CheckProcStat(CpuCounters stat)
    {
        CheckIds([.. stat.Cores.Select(c => c.Id)], "cpu id");
        Require(stat.Cores.Select(c => c.Id).Distinct().Count() == stat.Cores.Count, "repeated cpu id");
        CpuCounters baseline = CpuCounters.Parse(Fixtures.Capture("procfs__proc_stat.txt"));
        foreach (double? usage in new[] { CpuUsage.Percent(baseline.Total, stat.Total), CpuUsage.Percent(stat.Total, baseline.Total) })
        {
            Require(usage is null or >= 0 and <= 100, "cpu usage");
        }
    }

    private static void CheckIds(IReadOnlyList<int> ids, string what)
    {
        Require(ids.All(id => id is >= 0 and <= CpuList.MaxCpuId), what);
        Require(ids.Zip(ids.Skip(1)).All(p => p.First < p.Second) || what == "cpu id", $"{what} order");
    }

    private static void CheckLoad(LoadAverage load)
        => Require(new[] { load.OneMinute, load.FiveMinutes, load.FifteenMinutes }.All(l => l is >= 0 and <= LoadAverage.MaxLoad), "load average");

    private static void CheckDisks(IReadOnlyList<DiskDeviceCounters> disks)
    {
        Require(disks.All(d => d.Major >= 0 && d.Minor >= 0), "device number");
        try
        {
            DiskIoCounters sum = DiskIoCounters.Sum(disks, _ => true);
            Require(sum.ReadBytes % DiskDeviceCounters.SectorBytes == 0 && sum.WriteBytes % DiskDeviceCounters.SectorBytes == 0, "disk bytes are whole sectors");
        }
        catch (OverflowException)
        {
            // documented: counters whose sum overflows are not real; the composer reports them as the source's reason
        }
    }

    private static void CheckCpuInfo(CpuInfo info)
    {
        Require(info.ProcessorIds.All(id => id is >= 0 and <= CpuList.MaxCpuId), "processor id");
        Require(info.CurrentMhz is null || info.CurrentMhz.Values.All(m => m is > 0 and <= CpuInfo.MaxMhz), "cpu MHz");
    }

    private static void CheckTegrastats(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            TegrastatsSample s = TegrastatsLine.Parse(line);
            Require(s.Cores.All(c => c.LoadPercent is null or >= 0 and <= 100 && c.FrequencyMhz is null or >= 0 and <= TegrastatsLine.MaxMhz), "core");
            Require(s.Engines.All(e => e.LoadPercent is null or >= 0 and <= 100 && e.FrequenciesMhz.All(f => f is >= 0 and <= TegrastatsLine.MaxMhz)), "engine");
            Require(s.MtsForegroundPercent is null or >= 0 and <= 100 && s.MtsBackgroundPercent is null or >= 0 and <= 100, "MTS");
            Require(s.Temperatures.All(t => InRangeOrNull(t.Celsius) && InRangeOrNull(t.SecondCelsius)), "temperature");
            Require(s.Rails.All(r => r.Name.Length > 0 && r.CurrentMilliwatts is >= 0 and <= TegrastatsLine.MaxMilliwatts && r.AverageMilliwatts is >= 0 and <= TegrastatsLine.MaxMilliwatts && r.PeakMilliwatts is null or >= 0 and <= TegrastatsLine.MaxMilliwatts), "rail");
            Require(new[] { s.Ram, s.Swap, s.Iram }.All(m => m is null || (m.UsedKilobytes >= 0 && m.UsedKilobytes <= m.TotalKilobytes)), "memory");
        }
    }

    private static bool InRangeOrNull(double? celsius) => celsius is null or >= Millidegrees.MinimumCelsius and <= Millidegrees.MaximumCelsius;

    private static string Shorten(string text)
    {
        string flat = text.ReplaceLineEndings("\\n");
        return flat.Length > 160 ? flat[..160] + "..." : flat;
    }
}
