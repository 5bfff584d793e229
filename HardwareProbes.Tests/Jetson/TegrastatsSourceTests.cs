using System.Collections.Concurrent;
using System.IO.Abstractions;
using HardwareProbes.Jetson;
using HardwareProbes.ChildProcesses;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Jetson;

/// <summary>
/// The source runs real child processes (the fakes in fixtures/tools) while its delays and stall timers run on a
/// <see cref="FakeTimeProvider"/>: the test decides when time passes, so restarts and stalls are tested without waiting.
/// </summary>
[TestClass]
public sealed class TegrastatsSourceTests
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(20);

    private static string Tool(string name) => Path.Combine(Fixtures.Root, "tools", name);

    /// <summary>
    /// A source on the given clock. Tests that step fake time past restarts raise <paramref name="stallIntervals"/> and the
    /// healthy-run duration, so overshooting time neither trips stall detection nor makes a failing child look healthy.
    /// </summary>
    private static TegrastatsSource Source(string executable, TimeProvider time, TimeSpan? interval = null, int stallIntervals = 5, bool failuresOnly = false)
        => new(
            new TegrastatsOptions
            {
                ExecutablePath = executable,
                Interval = interval ?? TimeSpan.FromSeconds(1),
                StallIntervals = failuresOnly ? 100_000 : stallIntervals,
                HealthyRunDuration = failuresOnly ? TimeSpan.FromDays(365) : TimeSpan.FromMinutes(1),
            },
            new FileSystem(),
            SystemProcessRunner.Instance,
            time,
            jitterRandomizer: () => 0.5);

    /// <summary>Advances fake time in steps, letting real work run between them, until the condition holds.</summary>
    private static void AdvanceUntil(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + RealTimeLimit;
        while (!condition())
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"timed out waiting for {what}");
            Thread.Sleep(20);
            if (!condition())
            {
                time.Advance(step);
            }
        }
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + RealTimeLimit;
        while (!condition())
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"timed out waiting for {what}");
            Thread.Sleep(10);
        }
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    [TestMethod]
    public async Task ChildThatExitsFiveTimes_IsRestartedFiveTimesWithGrowingDelays()
    {
        var time = new FakeTimeProvider();
        await using TegrastatsSource source = Source(Tool("tegrastats-exits"), time, failuresOnly: true);
        var delays = new ConcurrentQueue<TimeSpan>();
        source.RestartScheduled += delays.Enqueue;
        source.Start();

        for (int restart = 1; restart <= 5; restart++)
        {
            WaitUntil(() => delays.Count >= restart, $"restart {restart} to be scheduled");
            TimeSpan delay = delays.ToArray()[restart - 1];
            AdvanceUntil(time, delay, () => delays.Count > restart || source.RestartCount > restart, $"restart {restart} to run");
        }

        TimeSpan[] first5 = [.. delays.Take(5)];
        for (int i = 1; i < first5.Length; i++)
        {
            Assert.IsGreaterThan(first5[i - 1], first5[i], $"delay {i + 1} ({first5[i]}) should exceed delay {i} ({first5[i - 1]})");
        }

        Assert.IsTrue(first5.All(d => d <= TimeSpan.FromSeconds(30)));
        Assert.IsGreaterThanOrEqualTo(5, source.RestartCount);
        StringAssert.StartsWith(source.LastError, "tegrastats exited with code 3 after 1 lines: fake tegrastats: giving up");
        Assert.AreEqual(6, source.Latest!.Cores[0].LoadPercent, "each run's line was still read");
    }

    [TestMethod]
    public async Task RestartDelays_GrowToTheCapAndStayThere()
    {
        var time = new FakeTimeProvider();
        await using TegrastatsSource source = Source(Tool("tegrastats-exits"), time, failuresOnly: true);
        var delays = new ConcurrentQueue<TimeSpan>();
        source.RestartScheduled += delays.Enqueue;
        source.Start();

        TimeSpan cap = TimeSpan.FromSeconds(30);
        for (int restart = 1; restart <= 30 && (delays.IsEmpty || delays.Last() < cap); restart++)
        {
            WaitUntil(() => delays.Count >= restart, $"restart {restart} to be scheduled");
            AdvanceUntil(time, cap, () => delays.Count > restart, $"restart {restart} to run");
        }

        Assert.AreEqual(cap, delays.Last(), "the delay reaches the 30 s cap");
        Assert.IsTrue(delays.All(d => d <= cap), string.Join(", ", delays));
    }

    [TestMethod]
    public async Task StalledChild_IsDetectedKilledAndReplaced()
    {
        var time = new FakeTimeProvider();
        await using TegrastatsSource source = Source(Tool("tegrastats-hangs"), time);
        var delays = new ConcurrentQueue<TimeSpan>();
        source.RestartScheduled += delays.Enqueue;
        source.Start();
        WaitUntil(() => source.ChildProcessId is not null, "the first child");
        int first = source.ChildProcessId!.Value;

        // Five silent intervals of one second: the child is declared stalled.
        AdvanceUntil(time, TimeSpan.FromSeconds(1), () => !delays.IsEmpty, "the stall to be detected");

        Assert.AreEqual("tegrastats stalled: no line for 5 s", source.LastError);
        WaitUntil(() => !ProcessExists(first), "the stalled child to be killed and reaped");
        AdvanceUntil(time, delays.First(), () => source.ChildProcessId is int pid && pid != first, "a replacement child");
        Assert.AreEqual(TegrastatsStatus.Running, source.Status);
        Assert.AreEqual(1, source.RestartCount);
    }

    [TestMethod]
    public async Task AbsentBinary_IsLookedForAtMostOncePerMinute()
    {
        var time = new FakeTimeProvider();
        await using TegrastatsSource source = Source("/nonexistent/tegrastats", time);
        source.Start();
        WaitUntil(() => source.Status == TegrastatsStatus.Absent, "the absent status");

        Thread.Sleep(300); // real time passing without fake time: no spinning
        Assert.AreEqual(1, source.Lookups);

        for (int minute = 1; minute <= 10; minute++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            Thread.Sleep(30);
            Assert.IsLessThanOrEqualTo(minute, source.Lookups - 1, $"more than one look in {minute} minute(s)");
            time.Advance(TimeSpan.FromSeconds(30));
            WaitUntil(() => source.Lookups == minute + 1, $"the look after minute {minute}");
        }

        Assert.AreEqual(11, source.Lookups);
        Assert.AreEqual(0, source.RestartCount, "an absent binary is not a restart");
        Assert.AreEqual("/nonexistent/tegrastats: not found", source.LastError);
    }

    [TestMethod]
    public async Task Dispose_KillsAndReapsTheChildAndItsDescendants()
    {
        string capture = Path.Combine(Fixtures.Board("jetson-orin-nano"), "tegrastats", "tegrastats");
        var source = Source(capture, TimeProvider.System, TimeSpan.FromMilliseconds(100));
        source.Start();
        WaitUntil(() => source.Latest is not null, "the first line");
        int pid = source.ChildProcessId!.Value;
        int[] descendants = [.. Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)!).Where(n => int.TryParse(n, out _)).Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))
            .Where(p => File.Exists($"/proc/{p}/stat") && ParentOf(p) == pid)];

        await source.DisposeAsync();

        Assert.IsFalse(ProcessExists(pid), $"child {pid} still in /proc (orphan or zombie)");
        foreach (int child in descendants)
        {
            Assert.IsFalse(ProcessExists(child) && ParentOf(child) is 1, $"descendant {child} was orphaned");
        }

        Assert.AreEqual(TegrastatsStatus.Stopped, source.Status);
    }

    [TestMethod]
    public async Task ReplayedCapture_YieldsSamplesInOrder()
    {
        string capture = Path.Combine(Fixtures.Board("jetson-orin-nano"), "tegrastats", "tegrastats");
        await using TegrastatsSource source = Source(capture, TimeProvider.System, TimeSpan.FromMilliseconds(50));
        source.Start();
        using var cancel = new CancellationTokenSource(RealTimeLimit);
        var samples = new List<TegrastatsSample>();
        await foreach (TegrastatsSample sample in source.ReadAllAsync(cancel.Token))
        {
            samples.Add(sample);
            if (samples.Count == 3)
            {
                break;
            }
        }

        // The capture's two lines (GR3D 63 % and 0 %) repeat in order; which one the subscription sees first depends on
        // whether the child printed before the reader subscribed, so the order is checked from wherever it starts.
        int?[] loads = [.. samples.Select(s => s.Gpu!.LoadPercent)];
        int?[] expected = loads[0] == 63 ? [63, 0, 63] : [0, 63, 0];
        CollectionAssert.AreEqual(expected, loads);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), source.LatestAge!.Value);
    }

    [TestMethod]
    public async Task GarbageLines_AreKeptAsUnrecognisedAndNeverStopTheSource()
    {
        await using TegrastatsSource source = Source(Tool("tegrastats-garbage"), TimeProvider.System, TimeSpan.FromMilliseconds(50));
        source.Start();
        WaitUntil(() => source.Latest is not null, "a line");

        Assert.AreEqual(TegrastatsStatus.Running, source.Status);
        Assert.IsNull(source.Latest!.Ram);
        Assert.Contains("Segmentation", source.Latest.Unrecognized);
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
