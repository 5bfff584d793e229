using System.IO.Abstractions;
using HardwareProbes;
using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Memory;
using HardwareProbes.RunningProcesses;
using HardwareProbes.Snapshots;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Events;
using MonitorWorker.Processes;

namespace MonitorWorker.Tests.Processes;

/// <summary>
/// Spikes on the process fixture tree: the tree is read when CPU first reaches the threshold, then replaced by its
/// <c>later/</c> reading (2 s on, pthread_load busy on one core, vim at 75 %) before the spike has lasted, so the
/// event names the process that was busy during it.
/// </summary>
[TestClass]
public sealed class SpikeDetectorTests : IDisposable
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _tree = Path.Combine(Path.GetTempPath(), $"pistat-spike-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(Midnight);
    private readonly EventLog _log = new();
    private readonly ProcessWatch _watch;
    private readonly SpikeDetector _detector;

    public SpikeDetectorTests()
    {
        CopyTree(Path.Combine(Paths.Fixtures, "captures", "processes"), _tree, skip: "later");
        var options = new ProbeOptions { ProcPath = Path.Combine(_tree, "proc"), EtcPath = Path.Combine(_tree, "etc") };
        _watch = new ProcessWatch(new ProcessCollector(new FileSystem(), options, _time), _time, TimeSpan.FromSeconds(2));
        _detector = new SpikeDetector(_watch, _log, new SpikeThresholds(90, 90, 3), NullLogger<SpikeDetector>.Instance);
    }

    public void Dispose()
    {
        _watch.Dispose();
        Directory.Delete(_tree, recursive: true);
    }

    private static void CopyTree(string from, string to, string? skip = null)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (skip is not null && relative.StartsWith(skip + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            string destination = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private HardwareSnapshot Sample(int second, double cpu, double memoryPercent = 40) => new()
    {
        Timestamp = Midnight.AddSeconds(second),
        Identity = new DeviceIdentity(BoardKind.Linux, null, null, null, null, null, null),
        Cpu = new CpuReading(cpu, null, [], null),
        CombinedRam = new MemoryUse((long)(memoryPercent * 10_000_000), 1_000_000_000, null, "meminfo"),
        Sources = new Dictionary<string, string>(),
    };

    private async Task FeedAsync(HardwareSnapshot snapshot)
    {
        _detector.OnSnapshot(snapshot);
        await _detector.Pending;
    }

    [TestMethod]
    public async Task CpuSpike_LastingThreeSamples_NamesTheProcessBusyDuringIt()
    {
        await FeedAsync(Sample(0, 100));
        Assert.AreEqual(1, _watch.Collections, "the baseline is read when the spike begins");

        CopyTree(Path.Combine(Paths.Fixtures, "captures", "processes", "later"), _tree);
        _time.Advance(TimeSpan.FromSeconds(2));
        await FeedAsync(Sample(1, 100));
        await FeedAsync(Sample(2, 100));

        AgentEvent spike = _log.All().Single();
        Assert.AreEqual(EventKinds.CpuSpike, spike.Kind);
        Assert.AreEqual("cpu", spike.Subject);
        Assert.AreEqual(Midnight.AddSeconds(2).ToUnixTimeSeconds(), spike.Time);
        Assert.AreEqual("CPU at 100 % (at or above 90 % for 3 samples); top: pthread_load (pid 27079) 100 %, vim (pid 26231) 75 %, sleep (pid 26232) 0 %, (a b ) ( c d)  (pid 584) 0 %", spike.Message);
        Assert.AreEqual(4, spike.Processes!.Count, "the tree has four processes, fewer than five");
        Assert.AreEqual(new EventProcess(27079, "pthread_load", null, null, 100.0, null, null), spike.Processes[0]);
        Assert.AreEqual(75.0, spike.Processes[1].CpuPercent);
        Assert.AreEqual("vim test.go +10", spike.Processes[1].Command);
    }

    [TestMethod]
    public async Task CpuSpike_IsOneEventUntilItEnds_ThenANewSpikeIsAnother()
    {
        for (int second = 0; second < 6; second++)
        {
            await FeedAsync(Sample(second, 97));
        }

        Assert.AreEqual(1, _log.All().Count, "six high samples are one spike");
        await FeedAsync(Sample(6, 40));
        _time.Advance(TimeSpan.FromSeconds(2));
        for (int second = 7; second < 10; second++)
        {
            await FeedAsync(Sample(second, 95));
        }

        Assert.AreEqual(2, _log.All().Count);
        Assert.IsTrue(_log.All().All(e => e.Kind == EventKinds.CpuSpike));
    }

    [TestMethod]
    public async Task MemorySpike_NamesTheLargestResidentProcess()
    {
        for (int second = 0; second < 3; second++)
        {
            await FeedAsync(Sample(second, 10, memoryPercent: 95));
        }

        AgentEvent spike = _log.All().Single();
        Assert.AreEqual(EventKinds.MemorySpike, spike.Kind);
        StringAssert.StartsWith(spike.Message, "Memory at 95 % (at or above 90 % for 3 samples); top: vim (pid 26231) 7 MB");
        Assert.AreEqual(6716L * 1024, spike.Processes![0].RssBytes);
        Assert.AreEqual(1, _watch.Collections, "memory needs no baseline: one reading");
    }

    [TestMethod]
    public async Task BelowThreshold_NeverReadsProcesses()
    {
        for (int second = 0; second < 20; second++)
        {
            await FeedAsync(Sample(second, second % 3 == 0 ? 95 : 50, memoryPercent: 89.9));
        }

        Assert.AreEqual(0, _log.All().Count);
        Assert.AreEqual(1, _watch.Collections, "a single high sample reads a baseline, shared within the interval: that is all a near-spike costs");
    }
}
