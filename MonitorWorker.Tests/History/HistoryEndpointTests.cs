using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MonitorWorker.History;

namespace MonitorWorker.Tests.History;

[TestClass]
public sealed class HistoryEndpointTests
{
    [TestMethod]
    public async Task AfterSomeSamples_TheCpuSeriesHasAlignedColumnsAndTheCostIsStated()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.SampleSeconds = 0.2);
        JsonElement body = default;
        await Eventually.UntilAsync(
            async () =>
            {
                body = Json.Parse(await host.Http.GetStringAsync("api/history?series=cpu.*,memory.used"));
                return body.GetProperty("timestamps").GetArrayLength() >= 2 && body.At("series.cpu.usage").GetProperty("avg").EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Null);
            },
            "two samples in the history");

        Assert.AreEqual("1s", body.Text("tier"));
        long[] times = [.. body.GetProperty("timestamps").EnumerateArray().Select(t => t.GetInt64())];
        CollectionAssert.AreEqual(times.Order().ToArray(), times, "ascending");
        JsonElement cpu = body.At("series.cpu.usage");
        Assert.AreEqual("%", cpu.GetProperty("unit").GetString());
        Assert.AreEqual(times.Length, cpu.GetProperty("avg").GetArrayLength());
        Assert.AreEqual(JsonValueKind.Null, cpu.GetProperty("min").ValueKind, "the per-sample tier has no range");
        Assert.AreEqual("B", body.At("series.memory.used").GetProperty("unit").GetString());
        Assert.IsFalse(body.GetProperty("series").EnumerateObject().Any(p => p.Name.StartsWith("temp.", StringComparison.Ordinal) || p.Name.StartsWith("load.", StringComparison.Ordinal)), "only the series asked for");
        Assert.IsTrue(body.GetProperty("series").EnumerateObject().Any(p => p.Name == "cpu.core0.usage"));
        Assert.AreEqual(1.0, body.Number("page"));
        Assert.AreEqual(1.0, body.Number("total_page"));
        Assert.IsTrue(body.IsNull("next_url"));
        Assert.IsGreaterThan(0.0, body.Number("memory.bytes_per_series")!.Value);
        Assert.AreEqual(body.Number("memory.bytes_per_series") * body.Number("memory.series"), body.Number("memory.bytes"));

        string csv = await host.Http.GetStringAsync("api/history?series=cpu.usage&format=csv");
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("timestamp,cpu.usage.avg", lines[0]);
        Assert.IsGreaterThanOrEqualTo(2, lines.Length - 1);
    }

    [TestMethod]
    [DataRow("api/history?start=yesterday", "start: 'yesterday' is not a whole number from 0 to 9223372036854775807")]
    [DataRow("api/history?start=200&end=100", "start (200) is after end (100)")]
    [DataRow("api/history?start=0&end=70000000", "the range spans 70000000 s; at most 63158400 (two years) is kept")]
    [DataRow("api/history?step=0", "step: '0' is not a whole number from 1 to 63158400")]
    [DataRow("api/history?page=-1", "page: '-1' is not a whole number from 1 to 2147483647")]
    [DataRow("api/history?format=xml", "format: 'xml' is not json or csv")]
    [DataRow("api/history?series=cpu%3Busage", "series: 'cpu;usage' is not a series name or glob (letters, digits, spaces, . _ - : / and at most four *, up to 100 characters)")]
    public async Task BadParameters_Are400WithTheReason(string path, string reason)
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        HttpResponseMessage response = await host.Http.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(reason, Json.Parse(await response.Content.ReadAsStringAsync()).Text("error"));
    }

    [TestMethod]
    [DataRow(5.0, 5, 720)]
    [DataRow(1.0, 1, 3600)]
    [DataRow(0.2, 1, 3600)]
    [DataRow(2.5, 2, 1800)]
    public void TheSampleInterval_IsThePerSampleTiersStep_AndItHoldsTheHistorysSpan(double sampleSeconds, int step, int capacity)
    {
        var store = new HistoryStore(3600, sampleSeconds);

        Assert.AreEqual(TimeSpan.FromSeconds(step), store.Samples.Step);
        Assert.AreEqual(capacity, store.Samples.Capacity);
    }

    [TestMethod]
    public void WithASampleEveryFiveSeconds_TheLastHourIsServedAtFiveSecondSteps()
    {
        var store = new HistoryStore(3600, 5);
        int series = store.SeriesFor("cpu.usage");
        float[] values = new float[HistoryStore.MaxSeries];
        const long Start = 1_800_000_000;
        for (long t = Start; t < Start + 3600; t += 5)
        {
            values[series] = t % 100;
            store.Append(t, values);
        }

        // What the dashboard asks for its 5-minute and 1-hour views: steps of 1 and 3 s, finer than the samples.
        foreach ((long from, long step) in new[] { (Start + 3300, 1L), (Start, 3L) })
        {
            HistoryResponse answer = HistoryReader.Answer(store, new HistoryQuery(["cpu.usage"], from, Start + 3600, step, 1, false), "/api/history");
            Assert.AreEqual("5s", answer.Tier);
            Assert.AreEqual(5, answer.Step);
            Assert.HasCount((int)((Start + 3600 - from) / 5), answer.Timestamps, $"every sample from {from - Start} s on");
            Assert.IsTrue(answer.Series["cpu.usage"].Avg.All(v => v is not null), "no gaps between the samples");
        }
    }

    [TestMethod]
    public void ARangeOlderThanTheSampleTier_IsServedFromTheMinuteTier_BucketedByStep()
    {
        var store = new HistoryStore(60);
        int series = store.SeriesFor("cpu.usage");
        float[] values = new float[HistoryStore.MaxSeries];
        const long Start = 1_800_000_000; // a whole hour
        for (long t = Start; t < Start + 7200; t++)
        {
            values[series] = t % 600 == 0 ? 100 : 10; // one spike every 10 minutes
            store.Append(t, values);
        }

        var query = new HistoryQuery(["cpu.*"], Start + 3600, Start + 7200, 600, 1, false);
        HistoryResponse answer = HistoryReader.Answer(store, query, "/api/history");

        Assert.AreEqual("1m", answer.Tier, "the per-sample tier keeps only the last minute");
        Assert.AreEqual(600, answer.Step);
        Assert.HasCount(6, answer.Timestamps);
        HistorySeries cpu = answer.Series["cpu.usage"];
        Assert.AreEqual(100f, cpu.Max![0], "the spike survives the averaging");
        Assert.AreEqual(10f, cpu.Min![0]);
        Assert.AreEqual(10f + (90f / 600), cpu.Avg[0]!.Value, 1e-3);
    }

    [TestMethod]
    public void Globs_MatchAnyRunOfCharacters()
    {
        var query = new HistoryQuery(["cpu.*.usage", "temp.*"], 0, 1, null, 1, false);

        Assert.IsTrue(query.Wants("cpu.core3.usage"));
        Assert.IsTrue(query.Wants("temp.cpu-thermal"));
        Assert.IsFalse(query.Wants("cpu.core3.freq"));
        Assert.IsFalse(query.Wants("memory.used"));
    }

    [TestMethod]
    public void QueryDefaults_AreTheLastHourOfEverySeries()
    {
        var now = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

        Assert.IsTrue(HistoryQuery.TryParse(new QueryCollection(), now, out HistoryQuery? query, out string? error), error);

        Assert.AreEqual(now.ToUnixTimeSeconds() - 3600, query!.Start);
        Assert.AreEqual(now.ToUnixTimeSeconds(), query.End);
        CollectionAssert.AreEqual(new[] { "*" }, query.Series);
    }
}
