using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Events;
using MonitorWorker.History;
using MonitorWorker.Persistence;

namespace MonitorWorker.Tests.History;

/// <summary>The history and the events across a stop: a clean one, a kill, a damaged file, a folder another agent holds.</summary>
[TestClass]
public sealed class HistoryDiskTests
{
    private static async Task<JsonElement> GetAsync(InProcessHost host, string path)
        => Json.Parse(await host.Http.GetStringAsync(new Uri(path, UriKind.Relative)));

    private static string[] Kinds(JsonElement events) => [.. events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    private static Task<InProcessHost> StartAsync(string folder, TimeProvider time, Action<AgentOptions>? more = null)
        => InProcessHost.StartAsync(new HookedSource(), o =>
        {
            o.Data.DataPath = folder;
            more?.Invoke(o);
        }, time: time);

    [TestMethod]
    public async Task AfterACleanStop_TheLastHourAtEverySample_AndEveryEvent_AreThereAgain()
    {
        using var temporary = new TemporaryFolder();
        string folder = temporary.Path;
        // The samples are the test's, an hour after the one the host takes at its start, on a clock the test holds.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(now.AddHours(2));
        long from = now.ToUnixTimeSeconds() + 3600;
        await using (InProcessHost first = await StartAsync(folder, time, o => o.Sampling.SampleSeconds = 1))
        {
            await first.WaitForFirstSnapshotAsync();
            var store = first.Service<HistoryStore>();
            int series = store.SeriesFor("test.value");
            float[] values = new float[HistoryStore.MaxSeries];
            Array.Fill(values, float.NaN);
            for (long t = from; t < from + 3600; t++)
            {
                values[series] = t % 1000;
                store.Append(t, values);
            }

            first.Service<EventLog>().Add(new AgentEvent(from + 10, EventKinds.CpuSpike, "warning", "cpu", "a test event"));
            Assert.IsTrue(File.Exists(Path.Combine(folder, "history", DataFolderClaim.FileName)), "held while it runs");
        }

        Assert.IsFalse(File.Exists(Path.Combine(folder, "history", DataFolderClaim.FileName)), "released at the clean stop");
        await using InProcessHost second = await StartAsync(folder, time, o => o.Sampling.SampleSeconds = 1);
        await second.WaitForFirstSnapshotAsync();

        JsonElement history = await GetAsync(second, "api/history?series=test.value");
        Assert.AreEqual("1s", history.Text("tier"));
        double?[] avg = Avg(history, "test.value");
        Assert.HasCount(3600, avg, "every second of the last hour");
        long[] times = [.. history.GetProperty("timestamps").EnumerateArray().Select(e => e.GetInt64())];
        for (int i = 0; i < times.Length; i++)
        {
            Assert.AreEqual(from + i, times[i]);
            Assert.AreEqual(times[i] % 1000, avg[i]);
        }

        JsonElement events = await GetAsync(second, "api/events");
        CollectionAssert.AreEqual(new[] { EventKinds.AgentStart, EventKinds.CpuSpike, EventKinds.AgentStart }, Kinds(events), "no unclean stop");
        Assert.AreEqual("a test event", events.GetProperty("events")[1].GetProperty("message").GetString());
    }

    [TestMethod]
    public async Task ADamagedHistoryOrEventFile_DoesNotStopTheStart_ItIsMovedAsideAndAnEventSaysSo()
    {
        using var temporary = new TemporaryFolder();
        string folder = temporary.Path;
        string history = Path.Combine(folder, "history");
        Directory.CreateDirectory(history);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string minutes = Path.Combine(history, $"minutes-{now:yyyy-MM-dd}.seg");
        string events = Path.Combine(history, $"events-{now:yyyy-MM}.seg");
        File.WriteAllText(minutes, "PISTSEG1 and then text that is not a record, as a bad sector or another program would leave");
        File.WriteAllBytes(events, [.. "NOTASEGMENTFILE"u8.ToArray(), 0, 1, 2]);

        await using InProcessHost host = await StartAsync(folder, TimeProvider.System);
        await host.WaitForFirstSnapshotAsync();

        await Eventually.UntilAsync(() => !File.Exists(minutes), "the damaged history file moved aside");
        Assert.IsFalse(File.Exists(events) && File.ReadAllBytes(events).AsSpan().StartsWith("NOTA"u8), "the damaged events file moved aside");
        Assert.HasCount(1, Directory.GetFiles(history, Path.GetFileName(minutes) + ".damaged-*"));
        Assert.HasCount(1, Directory.GetFiles(history, Path.GetFileName(events) + ".damaged-*"));
        JsonElement answer = await GetAsync(host, "api/events?kind=data_moved_aside");
        string[] messages = [.. answer.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!)];
        Assert.HasCount(2, messages);
        Assert.IsTrue(messages.Any(m => m.Contains(Path.GetFileName(minutes), StringComparison.Ordinal)));
        Assert.IsTrue(messages.Any(m => m.Contains(Path.GetFileName(events), StringComparison.Ordinal)));
        Assert.AreEqual("healthy", (await GetAsync(host, "health")).Text("status"));
    }

    [TestMethod]
    [DataRow(EventKinds.ConditionStart, "warning", true)]
    [DataRow(EventKinds.SourceFailed, "warning", true)]
    [DataRow(EventKinds.OverCurrent, "critical", true)]
    [DataRow(EventKinds.OverCurrent, "warning", false)]
    [DataRow(EventKinds.CpuSpike, "warning", false)]
    [DataRow(EventKinds.ConditionEnd, "info", false)]
    [DataRow(EventKinds.UncleanStop, "warning", false)]
    public void TheFlightRecorder_StartsAtCriticalConditions_NotAtCountsFromBeforeTheAgent(string kind, string severity, bool starts)
        => Assert.AreEqual(starts, HistoryDisk.IsFlightTrigger(new AgentEvent(0, kind, severity, "s", "m")));

    [TestMethod]
    public async Task ASecondAgentOnTheSameFolder_KeepsItsHistoryInRam()
    {
        using var temporary = new TemporaryFolder();
        string folder = temporary.Path;
        await using InProcessHost first = await StartAsync(folder, TimeProvider.System);
        await using InProcessHost second = await StartAsync(folder, TimeProvider.System);
        await second.WaitForFirstSnapshotAsync();

        Assert.IsNotNull(first.Service<HistoryFiles>().Archive);
        Assert.IsNull(second.Service<HistoryFiles>().Archive);
        StringAssert.Contains(second.Service<HistoryDisk>().Failure, "another agent holds");
        Assert.AreEqual(200, (int)(await second.Http.GetAsync(new Uri("api/history", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task WithNoDiskBudget_NothingIsWrittenOrRegistered()
    {
        using var temporary = new TemporaryFolder();
        string folder = temporary.Path;
        await using (InProcessHost host = await StartAsync(folder, TimeProvider.System, o => o.History.MaxMegabytes = 0))
        {
            await host.WaitForFirstSnapshotAsync();
            Assert.IsNull(host.Services.GetService(typeof(HistoryDisk)));
            Assert.IsNull(host.Service<HistoryFiles>().Archive);
        }

        Assert.IsEmpty(Directory.GetFileSystemEntries(folder));
    }

    [TestMethod]
    public async Task AKilledAgent_UnderVoltageAtItsStart_LeavesItsEventsAndEverySampleBeforeTheKill_AndTheNextRunSaysItWasNotStoppedCleanly()
    {
        using var temporary = new TemporaryFolder();
        string folder = temporary.Path;
        // The Pi 4 fixture with under-voltage and throttling now (0x50005): a critical condition from the first sample on.
        using FixtureTree board = FixtureTree.Copy("raspberry-pi-4");
        File.WriteAllText(Path.Combine(board.Root, "sys", "devices", "platform", "soc", "soc-firmware", "get_throttled"), "50005\n");
        Dictionary<string, string> environment = board.Environment();
        environment["PISTAT_SAMPLE_SECONDS"] = "0.5";
        environment["PISTAT_DATA_PATH"] = folder;
        string history = Path.Combine(folder, "history");
        long killedAt;
        await using (WorkerProcess killed = WorkerProcess.Start(environment))
        {
            await killed.WaitUntilServingAsync();
            await Eventually.UntilAsync(() => SamplesOnDisk(history) >= 4, "the flight recorder writing the samples");
            killedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await killed.KillAsync();
        }

        int written = SamplesOnDisk(history);
        Assert.IsTrue(File.Exists(Path.Combine(history, DataFolderClaim.FileName)), "a killed agent cannot release the folder");

        await using WorkerProcess next = WorkerProcess.Start(environment);
        await next.WaitUntilServingAsync();
        using var http = new HttpClient { BaseAddress = next.BaseAddress };
        JsonElement events = Json.Parse(await http.GetStringAsync(new Uri("api/events", UriKind.Relative)));
        string[] kinds = Kinds(events);
        CollectionAssert.IsSubsetOf(new[] { EventKinds.AgentStart, EventKinds.ConditionStart, EventKinds.UncleanStop }, kinds);
        Assert.AreEqual(2, kinds.Count(k => k == EventKinds.AgentStart));
        int unclean = Array.IndexOf(kinds, EventKinds.UncleanStop);
        Assert.IsTrue(unclean > Array.IndexOf(kinds, EventKinds.ConditionStart), "the earlier run's events come first");
        StringAssert.Contains(events.GetProperty("events")[unclean].GetProperty("message").GetString(), "without a clean stop at about");

        JsonElement answer = Json.Parse(await http.GetStringAsync(new Uri($"api/history?series=pi.under_voltage&end={killedAt}&step=1", UriKind.Relative)));
        double?[] underVoltage = Avg(answer, "pi.under_voltage");
        Assert.AreEqual("1s", answer.Text("tier"));
        Assert.IsGreaterThanOrEqualTo(written - 1, underVoltage.Count(v => v == 1), $"the killed run's samples, at 1 s ({written} on disk)");
    }

    private static double?[] Avg(JsonElement history, string series)
        => [.. history.GetProperty("series").GetProperty(series).GetProperty("avg").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];

    /// <summary>How many per-sample points the history files hold.</summary>
    private static int SamplesOnDisk(string folder)
    {
        var archive = new HistoryArchive(folder, 64 << 20, TimeProvider.System, new EventLog(), NullLogger<HistoryArchive>.Instance);
        var count = new Counter();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        try
        {
            archive.Read(HistoryArchive.Tier.Samples, now - 3600, now + 60, count);
        }
        catch (IOException)
        {
            return 0; // being written: asked again
        }

        return count.Points;
    }

    private sealed class Counter : IArchivePoints
    {
        public int Points { get; private set; }

        public void Point(long time, string[] names, ReadOnlySpan<float> average, ReadOnlySpan<float> minimum, ReadOnlySpan<float> maximum) => Points++;
    }
}
