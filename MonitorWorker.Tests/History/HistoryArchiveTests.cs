using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Events;
using MonitorWorker.History;

namespace MonitorWorker.Tests.History;

[TestClass]
public sealed class HistoryArchiveTests
{
    private const long Start = 1_796_601_600; // 2026-12-07 00:00 UTC

    private static HistoryArchive Archive(string folder, EventLog? log = null, long maxBytes = 64 << 20, FakeTimeProvider? time = null)
        => new(folder, maxBytes, time ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Start + 86400)), log ?? new EventLog(), NullLogger<HistoryArchive>.Instance);

    /// <summary>A store with the series <paramref name="names"/>, series i reading <c>i × 100 + second-of-minute</c>, series "gap" missing in odd minutes.</summary>
    private static HistoryStore Filled(string[] names, long from, long to)
    {
        var store = new HistoryStore(3600);
        int[] index = [.. names.Select(store.SeriesFor)];
        float[] values = new float[HistoryStore.MaxSeries];
        for (long t = from; t < to; t++)
        {
            Array.Fill(values, float.NaN);
            for (int i = 0; i < names.Length; i++)
            {
                values[index[i]] = names[i] == "gap" && (t / 60) % 2 == 1 ? float.NaN : (i * 100) + (t % 60);
            }

            store.Append(t, values);
        }

        return store;
    }

    private static HistoryResponse Query(HistoryStore store, HistoryArchive archive, long from, long to, long? step = null, string series = "*")
        => HistoryReader.Answer(store, new HistoryQuery([series], from, to, step, 1, false), "/api/history", archive);

    [TestMethod]
    public void MinutePointsWritten_ReadBackAsTheyWereInRam_GapsIncluded()
    {
        using var folder = new TemporaryFolder();
        HistoryArchive archive = Archive(folder.Path);
        HistoryStore before = Filled(["cpu.usage", "gap", "temp.cpu"], Start, Start + 600);
        archive.Write(HistoryArchive.Tier.Minutes, before, before.Minutes, long.MinValue);

        HistoryResponse fromDisk = Query(new HistoryStore(3600), archive, Start, Start + 600, 60);

        Assert.AreEqual("1m", fromDisk.Tier);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(m => Start + (m * 60L)).ToArray(), fromDisk.Timestamps);
        HistoryResponse inRam = Query(before, null!, Start, Start + 600, 60);
        foreach (string name in new[] { "cpu.usage", "gap", "temp.cpu" })
        {
            CollectionAssert.AreEqual(inRam.Series[name].Avg, fromDisk.Series[name].Avg, name);
            CollectionAssert.AreEqual(inRam.Series[name].Min, fromDisk.Series[name].Min, name);
            CollectionAssert.AreEqual(inRam.Series[name].Max, fromDisk.Series[name].Max, name);
        }

        Assert.AreEqual(229.5f, fromDisk.Series["temp.cpu"].Avg[0]);
        Assert.AreEqual(259f, fromDisk.Series["temp.cpu"].Max![0]);
        Assert.IsNull(fromDisk.Series["gap"].Avg[1], "a minute without a value stays a gap");
    }

    [TestMethod]
    public void TheSlotInProgress_IsWrittenAtEachFlush_AndReadOnceWithItsLastFigures()
    {
        using var folder = new TemporaryFolder();
        HistoryArchive archive = Archive(folder.Path);
        var store = new HistoryStore(3600);
        int cpu = store.SeriesFor("cpu.usage");
        float[] values = new float[HistoryStore.MaxSeries];
        long from = long.MinValue;
        for (long t = Start; t < Start + 150; t++)
        {
            values[cpu] = t - Start;
            store.Append(t, values);
            if (t == Start + 29 || t == Start + 89)
            {
                from = archive.Write(HistoryArchive.Tier.Minutes, store, store.Minutes, from); // part way through a minute
            }
        }

        archive.Write(HistoryArchive.Tier.Minutes, store, store.Minutes, from);

        HistoryResponse answer = Query(new HistoryStore(3600), archive, Start, Start + 180, 60);
        CollectionAssert.AreEqual(new[] { Start, Start + 60, Start + 120 }, answer.Timestamps);
        CollectionAssert.AreEqual(new float?[] { 29.5f, 89.5f, 134.5f }, answer.Series["cpu.usage"].Avg, "each minute whole, counted once");
        CollectionAssert.AreEqual(new float?[] { 59f, 119f, 149f }, answer.Series["cpu.usage"].Max);
    }

    [TestMethod]
    public void TwoRunsWithOtherSeriesOrders_InOneFile_EachPointReadByItsOwnNames_AndRamContinuesTheSeries()
    {
        using var folder = new TemporaryFolder();
        HistoryStore first = Filled(["a", "b"], Start, Start + 120);
        Archive(folder.Path).Write(HistoryArchive.Tier.Minutes, first, first.Minutes, long.MinValue);
        HistoryStore second = Filled(["c", "b"], Start + 120, Start + 240); // b is column 1 in both, c takes a's column
        HistoryArchive archive = Archive(folder.Path);
        archive.Write(HistoryArchive.Tier.Minutes, second, second.Minutes, long.MinValue);
        HistoryStore third = Filled(["b", "a"], Start + 240, Start + 300); // this run, in RAM only

        HistoryResponse answer = Query(third, archive, Start, Start + 299, 60);

        CollectionAssert.AreEqual(new[] { Start, Start + 60, Start + 120, Start + 180, Start + 240 }, answer.Timestamps);
        CollectionAssert.AreEqual(new float?[] { 29.5f, 29.5f, null, null, 129.5f }, answer.Series["a"].Avg);
        CollectionAssert.AreEqual(new float?[] { 129.5f, 129.5f, 129.5f, 129.5f, 29.5f }, answer.Series["b"].Avg);
        CollectionAssert.AreEqual(new float?[] { null, null, 29.5f, 29.5f, null }, answer.Series["c"].Avg, "a series of the files only is still served");
    }

    [TestMethod]
    public void AStepOfAnHour_IsAnsweredFromTheQuarterHours_AndADayOfMinutesAgreesWithIt()
    {
        using var folder = new TemporaryFolder();
        HistoryArchive archive = Archive(folder.Path);
        HistoryStore store = Filled(["cpu.usage"], Start, Start + (6 * 3600));
        archive.Write(HistoryArchive.Tier.Minutes, store, store.Minutes, long.MinValue);
        archive.Write(HistoryArchive.Tier.QuarterHours, store, store.QuarterHours, long.MinValue);
        var empty = new HistoryStore(3600);

        HistoryResponse hourly = Query(empty, archive, Start, Start + (6 * 3600) - 1, 3600);
        HistoryResponse fromMinutes = Query(empty, archive, Start, Start + (6 * 3600) - 1, 600);

        Assert.AreEqual("15m", hourly.Tier, "the coarsest tier that reaches");
        Assert.AreEqual("1m", fromMinutes.Tier, "a 10-minute step is finer than the quarter hours");
        Assert.HasCount(6, hourly.Timestamps);
        Assert.IsTrue(hourly.Series["cpu.usage"].Avg.All(v => v == 29.5f));
        Assert.IsTrue(hourly.Series["cpu.usage"].Max!.All(v => v == 59f));
    }

    [TestMethod]
    public void ADamagedFileMetWhileReading_IsMovedAside_WithAnEvent_AndTheOtherFilesAreStillRead()
    {
        using var folder = new TemporaryFolder();
        var log = new EventLog();
        HistoryArchive archive = Archive(folder.Path, log);
        HistoryStore store = Filled(["cpu.usage"], Start - 600, Start + 600); // across midnight: two files
        archive.Write(HistoryArchive.Tier.Minutes, store, store.Minutes, long.MinValue);
        string damaged = archive.PathFor(HistoryArchive.Tier.Minutes, Start - 600);
        byte[] bytes = File.ReadAllBytes(damaged);
        bytes[40] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);

        HistoryResponse answer = Query(new HistoryStore(3600), archive, Start - 600, Start + 599, 60);

        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(m => Start + (m * 60L)).ToArray(), answer.Timestamps, "the next day's file");
        Assert.IsFalse(File.Exists(damaged));
        Assert.HasCount(1, Directory.GetFiles(folder.Path, "minutes-2026-12-06.seg.damaged-*"));
        AgentEvent moved = log.All().Single();
        Assert.AreEqual(EventKinds.DataMovedAside, moved.Kind);
        Assert.AreEqual("warning", moved.Severity);
        StringAssert.Contains(moved.Message, "minutes-2026-12-06.seg");
    }

    [TestMethod]
    public void Pruning_DeletesFilesPastTheirAge_ThenTheOldestWhileOverTheBudget_ButNeverTheFilesBeingWritten()
    {
        using var folder = new TemporaryFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        void Make(string name, int kilobytes) => File.WriteAllBytes(Path.Combine(folder.Path, name), new byte[kilobytes * 1024]);
        Make("minutes-2026-11-01.seg", 1024);           // 36 days old: past the 30 days
        Make("samples-2026-11-07.seg", 1024);           // exactly 30 days: kept
        Make("minutes-2026-11-20.seg", 1024);
        Make("minutes-2026-11-21.seg.damaged-5", 1024);
        Make("minutes-2026-12-07.seg", 3072);           // today's
        Make("quarters-2024-11.seg", 1024);             // ended over two years ago
        Make("quarters-2025-01.seg", 1024);
        Make("events-2026-12.seg", 1024);               // this month's
        Make("agent.lock", 1);

        long left = Archive(folder.Path, maxBytes: 6 << 20, time: time).Prune();

        string[] kept = [.. Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        CollectionAssert.AreEqual(new[] { "agent.lock", "events-2026-12.seg", "minutes-2026-11-20.seg", "minutes-2026-11-21.seg.damaged-5", "minutes-2026-12-07.seg" }, kept);
        Assert.AreEqual(6L << 20, left, "the 2025 quarter hours and the oldest day went first");

        Assert.AreEqual(4L << 20, Archive(folder.Path, maxBytes: 1 << 20, time: time).Prune(), "the files being written stay, over a budget too small");
    }
}
