using System.Diagnostics;
using System.IO.Abstractions.TestingHelpers;
using HardwareProbes.Cpu;
using HardwareProbes.Machine;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Fuzz;

/// <summary>
/// Whole board trees with one to three files mutated, through the composer: no exception escapes
/// <see cref="LinuxSnapshotSource.Collect()"/>, every value is inside its documented range, and every source that
/// is not ok says why.
/// </summary>
[TestClass]
public sealed class SnapshotFuzzTests
{
    private const int RunsPerBoard = 240;

    private const int Seed = 4096;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DynamicData(nameof(FixtureBoards.All), typeof(FixtureBoards))]
    public void Collect_OverMutatedBoardTrees_NeverThrowsAndServesOnlyPlausibleValues(string board)
    {
        string root = Fixtures.Board(board);
        Dictionary<string, string> files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("later", StringComparison.Ordinal)
                && !Path.GetRelativePath(root, f).StartsWith("tegrastats", StringComparison.Ordinal)
                && !Path.GetRelativePath(root, f).StartsWith("vcgencmd", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => "/board/" + Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);
        string[] paths = [.. files.Keys];
        var mutator = new Mutator(Seed + board.Length);
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        for (int run = 0; run < RunsPerBoard; run++)
        {
            var tree = new Dictionary<string, MockFileData>(StringComparer.Ordinal);
            foreach ((string path, string text) in files)
            {
                tree[path] = new MockFileData(text);
            }

            var mutated = new List<string>();
            for (int m = 1 + random.Next(3); m > 0; m--)
            {
                string path = paths[random.Next(paths.Length)];
                tree[path] = new MockFileData(mutator.Mutate(files[path]));
                mutated.Add(path);
            }

            HardwareSnapshot snapshot;
            using (var source = new LinuxSnapshotSource(new MockFileSystem(tree), Options(), new FakeTimeProvider(DateTimeOffset.UnixEpoch)))
            {
                source.Collect();
                snapshot = source.Collect();
            }

            string? problem = Implausible(snapshot);
            Assert.IsNull(problem, $"run {run}, mutated {string.Join(", ", mutated)}: {problem}");
        }

        TestContext.WriteLine($"{board}: {RunsPerBoard} mutated trees in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static ProbeOptions Options()
    {
        var options = new ProbeOptions
        {
            ProcPath = "/board/proc",
            SysPath = "/board/sys",
            EtcPath = "/board/etc",
            DiskPaths = [],
            VcgencmdPath = "/nonexistent/vcgencmd",
        };
        options.Tegrastats.ExecutablePath = "/nonexistent/tegrastats";
        return options;
    }

    /// <summary>The first value outside its documented range, or a failed source without a reason; null when all is well.</summary>
    internal static string? Implausible(HardwareSnapshot s)
    {
        static bool Percent(double? p) => p is null or >= 0 and <= 100;
        static bool Celsius(double? c) => c is null or >= Millidegrees.MinimumCelsius and <= Millidegrees.MaximumCelsius;

        if (!Percent(s.Cpu.UsagePercent) || s.Cpu.Cores.Any(c => !Percent(c.UsagePercent)))
        {
            return "cpu usage";
        }

        if (s.Cpu.Cores.Any(c => c.Id is < 0 or > CpuList.MaxCpuId) || s.Cpu.Cores.Select(c => c.Id).Distinct().Count() != s.Cpu.Cores.Count)
        {
            return "cpu ids";
        }

        if (s.Cpu.FrequencyMhz is <= 0 or > 100_000 || s.Cpu.Cores.Any(c => c.FrequencyMhz is <= 0 or > 100_000 || c.MaxFrequencyMhz is <= 0 or > 100_000))
        {
            return "cpu frequency";
        }

        if (!Celsius(s.CpuTemperatureCelsius) || s.Temperatures.Any(t => !Celsius(t.Celsius)))
        {
            return "temperature";
        }

        if (s.Memory is { } m && (m.TotalBytes <= 0 || m.UsedBytes < 0 || m.UsedBytes > m.TotalBytes || m.AvailableBytes < 0 || m.AvailableBytes > m.TotalBytes || !Percent(m.Percent)))
        {
            return "memory";
        }

        if (s.Swap is { } w && (w.UsedBytes < 0 || w.UsedBytes > w.TotalBytes || !Percent(w.Percent)))
        {
            return "swap";
        }

        if (s.LoadAverage is { } l && new[] { l.OneMinute, l.FiveMinutes, l.FifteenMinutes }.Any(x => x is < 0 or > LoadAverage.MaxLoad || !double.IsFinite(x)))
        {
            return "load";
        }

        if (s.UptimeSeconds is { } up && (up < 0 || !double.IsFinite(up)))
        {
            return "uptime";
        }

        if (s.WirelessSignalDbm is { } wifi && wifi.Values.Any(d => d is < WirelessSignal.MinDbm or > 0))
        {
            return "wireless";
        }

        if (s.ActiveConnections is < 0 || s.UsbDevices is < 0)
        {
            return "counts";
        }

        if (s.RaspberryPi is { } pi && (pi.CoreVolts is < 0 or > VcgencmdReply.MaxVolts || pi.ArmClockHz is < 0 || pi.SdramClockHz is < 0 || pi.GpuMemoryBytes is < 0))
        {
            return "raspberry pi";
        }

        if (s.Jetson is { } jetson && (!Percent(jetson.GpuLoadPercent) || jetson.GpuFrequencyMhz is < 0))
        {
            return "jetson gpu";
        }

        return s.Sources.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Value)).Key is string silent ? $"source {silent} has no reason" : null;
    }
}
