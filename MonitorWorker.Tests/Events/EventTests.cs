using System.Net;
using System.Text.Json;
using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;
using MonitorWorker.Events;

namespace MonitorWorker.Tests.Events;

[TestClass]
public sealed class EventTests
{
    private static readonly DateTimeOffset Midnight = EventTestsClock.Midnight;

    internal static HardwareSnapshot Snapshot(int second, uint? throttle = null, JetsonReading? jetson = null, string memory = "ok") => new()
    {
        Timestamp = Midnight.AddSeconds(second),
        Identity = new DeviceIdentity(BoardKind.RaspberryPi, "Raspberry Pi 4 Model B Rev 1.5", null, null, null, null, null),
        Cpu = new CpuReading(5, null, [], null),
        RaspberryPi = throttle is uint raw ? new RaspberryPiReading(new ThrottleState(raw), null, null, null, null, null, null, null, null) : null,
        Jetson = jetson,
        Sources = new Dictionary<string, string> { [SourceNames.Memory] = memory, [SourceNames.LoadAverage] = "ok" },
        ExpectedSources = [SourceNames.Memory, SourceNames.LoadAverage],
    };

    [TestMethod]
    public void OverCurrentCounters_SeenAtStartAndGrowing_AreEvents()
    {
        static JetsonReading Counters(long oc2, long oc3) => new(null, null, TegrastatsStatus.Running, 0, null, null, null, null, null)
        {
            OverCurrent = [new("oc1", "under-voltage", 0, true, null), new("oc2", "average over-current", oc2, true, null), new("oc3", "instantaneous over-current", oc3, false, null)],
        };
        var log = new EventLog();
        var recorder = new EventRecorder(log, Midnight);
        recorder.Record(Snapshot(0, jetson: Counters(15, 0)));
        recorder.Record(Snapshot(1, jetson: Counters(15, 0)));
        recorder.Record(Snapshot(2, jetson: Counters(18, 2)));

        string[] seen = [.. log.All().Where(e => e.Kind == EventKinds.OverCurrent).Select(e => $"{e.Time - Midnight.ToUnixTimeSeconds()} {e.Subject} {e.Severity}: {e.Message}")];
        CollectionAssert.AreEqual(
            new[]
            {
                "0 oc2 warning: Average over-current: 15 events since boot (before the agent started)",
                "2 oc2 critical: Average over-current: 3 new events (18 since boot); the SoC was throttled",
                "2 oc3 critical: Instantaneous over-current: 2 new events (2 since boot)",
            },
            seen);
    }

    [TestMethod]
    public void LiveBits_StartAndEnd_StickyBitsSetBeforeTheAgentAreSeenOnce()
    {
        var log = new EventLog();
        var recorder = new EventRecorder(log, Midnight.AddSeconds(-5));
        recorder.Record(Snapshot(0, 0x80000));  // soft temperature limit occurred before the agent started
        recorder.Record(Snapshot(1, 0x80000));  // nothing new
        recorder.Record(Snapshot(2, 0x50005));  // under-voltage and throttling now (their sticky bits with them)
        recorder.Record(Snapshot(3, 0x50005));
        recorder.Record(Snapshot(4, 0x50004));  // under-voltage ended, throttling goes on
        recorder.Record(Snapshot(5, 0x70004));  // capping happened and ended between two samples

        string[] seen = [.. log.All().Select(e => $"{e.Time - Midnight.ToUnixTimeSeconds()} {e.Kind} {e.Subject} {e.Severity}: {e.Message}")];
        CollectionAssert.AreEqual(
            new[]
            {
                "-5 agent_start agent info: pi-stat started on Raspberry Pi 4 Model B Rev 1.5",
                "0 condition_occurred soft_temp_limit warning: The soft temperature limit has occurred since boot (before the agent started)",
                "2 condition_start under_voltage critical: Under-voltage began",
                "2 condition_start throttled critical: Throttling began",
                "4 condition_end under_voltage info: Under-voltage ended",
                "5 condition_occurred freq_capped warning: Arm frequency capping has occurred since boot (between two samples)",
            },
            seen,
            string.Join("\n", seen));
    }

    [TestMethod]
    public void Tegrastats_RestartsAbsenceAndReturn_AndSourcesFailingAndRecovering()
    {
        var log = new EventLog();
        var recorder = new EventRecorder(log, Midnight);
        static JetsonReading Jetson(TegrastatsStatus status, int restarts, string? error = null) => new(null, null, status, restarts, error, null, null, null, null);
        recorder.Record(Snapshot(0, jetson: Jetson(TegrastatsStatus.Running, 0)));
        recorder.Record(Snapshot(1, jetson: Jetson(TegrastatsStatus.Running, 1, "tegrastats exited with code 1"), memory: "/proc/meminfo: no MemTotal line"));
        recorder.Record(Snapshot(2, jetson: Jetson(TegrastatsStatus.Absent, 1, "not found"), memory: "/proc/meminfo: no MemTotal line either"));
        recorder.Record(Snapshot(3, jetson: Jetson(TegrastatsStatus.Running, 1)));
        recorder.Record(Snapshot(4, jetson: Jetson(TegrastatsStatus.Running, 1), memory: "a blip of one sample"));
        recorder.Record(Snapshot(5, jetson: Jetson(TegrastatsStatus.Running, 1)));

        string[] seen = [.. log.All().Skip(1).Select(e => $"{e.Time - Midnight.ToUnixTimeSeconds()} {e.Kind} {e.Subject}: {e.Message}")];
        CollectionAssert.AreEqual(
            new[]
            {
                "1 tegrastats_restart tegrastats: tegrastats restarted (restart 1): tegrastats exited with code 1",
                "2 tegrastats_absent tegrastats: tegrastats is absent: not found",
                "2 source_failed memory: memory failed: /proc/meminfo: no MemTotal line either",
                "3 tegrastats_running tegrastats: tegrastats runs again",
                "3 source_recovered memory: memory reads again",
            },
            seen,
            string.Join("\n", seen));
    }

    [TestMethod]
    public void AFullLog_KeepsTheNewestEvents()
    {
        var log = new EventLog();
        for (int i = 0; i < EventLog.Capacity + 10; i++)
        {
            log.Add(new AgentEvent(i, EventKinds.ConditionStart, "info", "x", $"event {i}"));
        }

        IReadOnlyList<AgentEvent> kept = log.All();
        Assert.HasCount(EventLog.Capacity, kept);
        Assert.AreEqual(10, kept[0].Time);
        Assert.AreEqual(EventLog.Capacity + 9, kept[^1].Time);
        Assert.AreEqual(EventLog.Capacity + 10, log.Recorded);
    }

    [TestMethod]
    public void ASteadyBoard_AllocatesNothingPerSample()
    {
        var log = new EventLog();
        var recorder = new EventRecorder(log, Midnight);
        HardwareSnapshot[] snapshots = [.. Enumerable.Range(0, 200).Select(i => Snapshot(i, 0x50000, new JetsonReading(null, null, TegrastatsStatus.Running, 0, null, null, null, null, null)))];
        recorder.Record(snapshots[0]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < snapshots.Length; i++)
        {
            recorder.Record(snapshots[i]);
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public async Task TheEndpoint_PagesFiltersAndRefusesBadParameters()
    {
        var source = new ScriptedSource(i => Snapshot(i, (i % 2) == 0 ? 0x50005u : 0x50000u));
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.SampleSeconds = 0.05);
        JsonElement body = default;
        await Eventually.UntilAsync(
            async () =>
            {
                body = Json.Parse(await host.Http.GetStringAsync("api/events?kind=condition_start,condition_end"));
                return body.Number("total") >= 120;
            },
            "120 condition events");

        Assert.AreEqual(1.0, body.Number("page"));
        Assert.AreEqual(EventEndpoints.PageSize, body.GetProperty("events").GetArrayLength());
        Assert.IsTrue(body.GetProperty("events").EnumerateArray().All(e => e.GetProperty("kind").GetString() is "condition_start" or "condition_end"));
        Assert.IsTrue(body.IsNull("prev_url"));
        string next = body.Text("next_url")!;
        StringAssert.StartsWith(next, "/api/events?start=0&end=");
        StringAssert.EndsWith(next, "&kind=condition_start%2Ccondition_end&page=2");
        JsonElement second = Json.Parse(await host.Http.GetStringAsync(next.TrimStart('/')));
        Assert.AreEqual(2.0, second.Number("page"));
        Assert.IsGreaterThan(0, second.GetProperty("events").GetArrayLength());

        JsonElement all = Json.Parse(await host.Http.GetStringAsync("api/events?kind=agent_start"));
        Assert.AreEqual(1.0, all.Number("total"));

        foreach ((string path, string reason) in new[]
        {
            ("api/events?kind=reboot", "kind: 'reboot' is not one of agent_start, condition_start, condition_end, condition_occurred, tegrastats_restart, tegrastats_absent, tegrastats_running, source_failed, source_recovered, cpu_spike, memory_spike, over_current, unclean_stop, data_moved_aside"),
            ("api/events?start=9&end=3", "start (9) is after end (3)"),
            ("api/events?page=0", "page: '0' is not a whole number from 1 to 2147483647"),
        })
        {
            HttpResponseMessage response = await host.Http.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, path);
            Assert.AreEqual(reason, Json.Parse(await response.Content.ReadAsStringAsync()).Text("error"), path);
        }
    }

    /// <summary>Hands out the snapshots a function makes, one per collection, numbered from 0.</summary>
    private sealed class ScriptedSource(Func<int, HardwareSnapshot> make) : ISnapshotSource
    {
        private int _next;

        public HardwareSnapshot Collect() => make(Interlocked.Increment(ref _next) - 1);

        public Task<HardwareSnapshot> CollectOverAsync(TimeSpan window, CancellationToken cancellationToken = default) => Task.FromResult(Collect());

        public void Dispose()
        {
        }
    }
}

/// <summary>The time the event tests' snapshots count from.</summary>
internal static class EventTestsClock
{
    public static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
}
