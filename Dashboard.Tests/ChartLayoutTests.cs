using System.Text.Json;
using Microsoft.Playwright;
using MonitorWorker.Demo;

namespace Dashboard.Tests;

/// <summary>
/// What a person sees of the charts, measured in Chromium: tick labels whole (measured with the font they are drawn
/// in), time labels apart, and every plot of a column, the throttling strip included, on one time axis.
/// </summary>
[TestClass]
public sealed class ChartLayoutTests
{
    // For every chart: each y label's left edge from the canvas's (a label drawn right-aligned before the ticks),
    // each time label's edges on its line, and where the plot lies on the page.
    private const string Geometry = """
        () => {
          const ratio = uPlot.pxRatio;
          const problems = [];
          const charts = [];
          const width = (u, axis, text) => { u.ctx.font = axis.font[0]; return u.ctx.measureText(text).width / ratio; };
          for (const [id, c] of piStatDashboard.charts) {
            const u = c.u;
            const canvas = u.root.querySelector('canvas').getBoundingClientRect();
            const plotLeft = u.bbox.left / ratio, plotWidth = u.bbox.width / ratio;
            const y = u.axes[1];
            for (const v of y._values || []) {
              if (v == null || v === '') continue;
              const left = plotLeft - y.ticks.size - y.gap - width(u, y, String(v));
              if (left < -0.5) problems.push(`${id}: y label "${v}" starts ${(-left).toFixed(1)} px left of the chart`);
            }
            const x = u.axes[0];
            const lines = [];
            (x._splits || []).forEach((t, i) => {
              if (x._values[i] == null) return;
              const centre = plotLeft + u.valToPos(t, 'x');
              String(x._values[i]).split('\n').forEach((text, line) => {
                const w = width(u, x, text);
                (lines[line] ||= []).push({ text, left: centre - w / 2, right: centre + w / 2 });
              });
            });
            for (const row of lines) {
              row.forEach((label, k) => {
                if (label.left < -0.5 || label.right > u.width + 0.5) problems.push(`${id}: time label "${label.text}" is cut at the chart's edge`);
                const next = row[k + 1];
                if (next && label.right + 2 > next.left) problems.push(`${id}: time labels "${label.text}" and "${next.text}" overlap`);
              });
            }
            charts.push({ id, strip: !!c.strip, column: Math.round(c.div.closest('.panel').getBoundingClientRect().left),
              left: canvas.left + plotLeft, right: canvas.left + plotLeft + plotWidth, min: u.scales.x.min, max: u.scales.x.max,
              labels: (y._values || []).filter(v => v).map(String) });
          }
          const times = piStatDashboard.times;
          return { problems, charts, first: times[0], last: times[times.length - 1], zoomed: piStatDashboard.zoom != null };
        }
        """;

    [TestMethod]
    [DataRow("raspberry-pi-4", 1400)]
    [DataRow("raspberry-pi-4", 390)]
    [DataRow("raspberry-pi-5", 390)]
    [DataRow("jetson-orin-nano", 1400)]
    public async Task NoTickLabelIsClipped_NoTimeLabelsOverlap_AndThePlotsOfAColumnShareOneTimeAxis(string board, int width)
    {
        await using DemoAgent agent = await DemoAgent.StartAsync(board);
        await using WatchedPage watched = await Browser.OpenAsync(agent, Viewport(width));
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await DashboardTests.WaitForChartsAsync(page, ["cpu", "memory", "disk"]);

        JsonElement layout = await SettledLayoutAsync(page);

        string[] problems = [.. layout.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];
        Assert.IsEmpty(problems, string.Join("\n", problems));
        JsonElement[] charts = [.. layout.GetProperty("charts").EnumerateArray()];
        string[] labels = [.. charts.SelectMany(c => c.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!))];
        if (board == "raspberry-pi-4")
        {
            Assert.IsTrue(labels.Any(l => l.StartsWith("-100", StringComparison.Ordinal)), "a negative label was measured (Wi-Fi dBm): " + string.Join(" | ", labels));
            Assert.IsTrue(labels.Any(l => l.EndsWith("B/s", StringComparison.Ordinal)), "a rate label was measured: " + string.Join(" | ", labels));
        }

        if (board == "raspberry-pi-5")
        {
            Assert.IsTrue(labels.Any(l => l.Length >= 8 && char.IsAsciiDigit(l[3]) && l.EndsWith(" rpm", StringComparison.Ordinal)), "a four-digit label was measured (fan rpm): " + string.Join(" | ", labels));
        }

        AssertOneTimeAxisPerColumn(charts);
        AssertTheTimeAxisSpansTheData(layout);
        await ScreenshotAsync(page, $"dashboard-{board}-{width}.png");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    [DataRow(1400)]
    [DataRow(390)]
    public async Task TheThrottlingStrip_IsOnTheChartsTimeAxis_ItsRedBlockWhereTheEventLineIs(int width)
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("raspberry-pi-4");
        await using WatchedPage watched = await Browser.OpenAsync(agent, Viewport(width));
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await DashboardTests.WaitForChartsAsync(page, ["cpu", "throttle"]);

        // On to the demo's under-voltage episode instead of waiting minutes for it.
        var demo = (DemoBoard)agent.Services.GetService(typeof(DemoBoard))!;
        demo.Advance(DemoBoard.EpisodeEverySeconds - DemoBoard.EpisodeSeconds);
        await page.WaitForFunctionAsync(
            "() => piStatDashboard.charts.get('throttle').rows[0].held > 0 && piStatDashboard.events.some(e => e.kind === 'condition_start' && e.subject === 'under_voltage')",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });

        JsonElement layout = await SettledLayoutAsync(page);
        string[] problems = [.. layout.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];
        Assert.IsEmpty(problems, string.Join("\n", problems));
        AssertOneTimeAxisPerColumn([.. layout.GetProperty("charts").EnumerateArray()]);
        AssertTheTimeAxisSpansTheData(layout);

        // The same moments on the page: the under-voltage event (the dashed line every chart draws) and the first red
        // block of the strip, each through the strip's scale and the CPU chart's.
        JsonElement at = await page.EvaluateAsync<JsonElement>("""
            () => {
              const strip = piStatDashboard.charts.get('throttle'), cpu = piStatDashboard.charts.get('cpu');
              const event = piStatDashboard.events.find(e => e.kind === 'condition_start' && e.subject === 'under_voltage').time;
              const block = strip.rows[0].x;
              const page = (c, t) => c.u.root.querySelector('canvas').getBoundingClientRect().left + c.u.bbox.left / uPlot.pxRatio + c.u.valToPos(t, 'x');
              const times = piStatDashboard.times;
              return { sameColumn: Math.abs(strip.div.getBoundingClientRect().left - cpu.div.getBoundingClientRect().left) < 1,
                eventStrip: page(strip, event), eventCpu: page(cpu, event), blockStrip: page(strip, block), blockCpu: page(cpu, block),
                step: page(cpu, times[times.length - 1]) - page(cpu, times[times.length - 2]) };
            }
            """);
        if (at.GetProperty("sameColumn").GetBoolean())
        {
            Assert.AreEqual(at.GetProperty("eventCpu").GetDouble(), at.GetProperty("eventStrip").GetDouble(), 2.0, "the event line in the strip and in the CPU chart");
            Assert.AreEqual(at.GetProperty("blockCpu").GetDouble(), at.GetProperty("blockStrip").GetDouble(), 2.0, "the red block's start in the strip and in the CPU chart");
        }

        // The block starts at the sample that saw the condition; the event is stamped within that sample's second.
        Assert.AreEqual(at.GetProperty("eventStrip").GetDouble(), at.GetProperty("blockStrip").GetDouble(), Math.Abs(at.GetProperty("step").GetDouble()) + 2.0, "the red block begins where the event line is");
        await ScreenshotAsync(page, $"dashboard-throttling-{width}.png");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    [DataRow(2592000, "30d")]
    [DataRow(31536000, "1y")]
    public async Task TheMonthAndYearViews_ReachBackThroughTheHistoryOnDisk_WithTheirSpikes(int range, string label)
    {
        string data = Directory.CreateTempSubdirectory("pistat-dashboard-").FullName;
        try
        {
            HistorySeed.Write(data, DateTimeOffset.UtcNow);
            await using DemoAgent agent = await DemoAgent.StartAsync("raspberry-pi-4", configure: o => o.Data.DataPath = data);
            await using WatchedPage watched = await Browser.OpenAsync(agent, Viewport(1400));
            IPage page = watched.Page;
            await page.GotoAsync(agent.Address.ToString());
            await DashboardTests.WaitForChartsAsync(page, ["cpu"]);

            await page.ClickAsync($"button[data-range='{range}']");
            await page.WaitForFunctionAsync(
                $"() => piStatDashboard.times.length > 100 && piStatDashboard.times[0] < Date.now() / 1000 - {range} * 0.95 && document.querySelector('#panel-cpu .chart')?.dataset.band === 'true'",
                null,
                new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });

            JsonElement seen = await page.EvaluateAsync<JsonElement>(
                // The trough is read from the seeded points: the newest slots also hold the demo agent's own live samples
                // (RAM wins over disk), whose CPU use can be anything, 0 included.
                "() => { const s = piStatDashboard.series.get('cpu.usage'); const t = piStatDashboard.times; return { points: t.length, step: t[1] - t[0], max: Math.max(...s.max.filter(v => v != null)), min: Math.min(...s.min.slice(0, -2).filter(v => v != null)) }; }");
            int step = range == 2592000 ? 3600 : 21600;
            Assert.AreEqual(step, seen.GetProperty("step").GetInt32(), "the step the view asks for");
            Assert.AreEqual(range / step, seen.GetProperty("points").GetInt32(), range / step / 50.0, "a point per step across the range");
            Assert.AreEqual(100, seen.GetProperty("max").GetDouble(), 0.01, "the weekly one-minute spike survives in the maxima");
            Assert.AreEqual(10, seen.GetProperty("min").GetDouble(), 0.5, "the daily wave's trough");
            Assert.AreEqual("true", await page.GetAttributeAsync($"button[data-range='{range}']", "aria-pressed"));
            JsonElement layout = await SettledLayoutAsync(page);
            string[] problems = [.. layout.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];
            Assert.IsEmpty(problems, string.Join("\n", problems));
            await ScreenshotAsync(page, $"dashboard-{label}-1400.png");
            Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static BrowserNewContextOptions Viewport(int width) => width < 600
        ? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true }
        : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } };

    /// <summary>
    /// With PISTAT_SCREENSHOT_DIR set (bench/screenshot.sh sets it to docs/), writes the page there under
    /// <paramref name="name"/>; otherwise nothing.
    /// </summary>
    internal static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PISTAT_SCREENSHOT_DIR") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = false });
        }
    }

    /// <summary>
    /// The layout once the charts agree on their axis width: a chart that needs a wider axis than the others makes them
    /// all lay out again on the next frame, so this waits (up to 10 s) for a measurement with every plot of a column
    /// starting at one x; the assertions then say what, if anything, is still wrong.
    /// </summary>
    private static async Task<JsonElement> SettledLayoutAsync(IPage page)
    {
        JsonElement layout = default;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            layout = await page.EvaluateAsync<JsonElement>(Geometry);
            bool aligned = layout.GetProperty("charts").EnumerateArray()
                .GroupBy(c => c.GetProperty("column").GetInt32())
                .All(g => g.Max(c => c.GetProperty("left").GetDouble()) - g.Min(c => c.GetProperty("left").GetDouble()) <= 2);
            if (aligned && layout.GetProperty("problems").GetArrayLength() == 0)
            {
                break;
            }

            await page.WaitForTimeoutAsync(100);
        }

        return layout;
    }

    /// <summary>Nothing zoomed: every chart's time axis runs from the first point shown to the newest.</summary>
    private static void AssertTheTimeAxisSpansTheData(JsonElement layout)
    {
        Assert.IsFalse(layout.GetProperty("zoomed").GetBoolean(), "the page thinks it is zoomed, and nobody zoomed it");
        double first = layout.GetProperty("first").GetDouble(), last = layout.GetProperty("last").GetDouble();
        foreach (JsonElement chart in layout.GetProperty("charts").EnumerateArray())
        {
            Assert.AreEqual(first, chart.GetProperty("min").GetDouble(), 1.0, $"{chart.GetProperty("id")}: the time axis starts at the first point");
            Assert.AreEqual(last, chart.GetProperty("max").GetDouble(), 1.0, $"{chart.GetProperty("id")}: the time axis ends at the newest point");
        }
    }

    private static void AssertOneTimeAxisPerColumn(JsonElement[] charts)
    {
        foreach (IGrouping<int, JsonElement> column in charts.GroupBy(c => c.GetProperty("column").GetInt32()))
        {
            JsonElement first = column.First();
            foreach (JsonElement chart in column)
            {
                string what = $"{chart.GetProperty("id")} against {first.GetProperty("id")}";
                Assert.AreEqual(first.GetProperty("left").GetDouble(), chart.GetProperty("left").GetDouble(), 2.0, "plot's left edge: " + what);
                Assert.AreEqual(first.GetProperty("right").GetDouble(), chart.GetProperty("right").GetDouble(), 2.0, "plot's right edge: " + what);
                Assert.AreEqual(first.GetProperty("min").GetDouble(), chart.GetProperty("min").GetDouble(), 1.0, "time axis start: " + what);
                Assert.AreEqual(first.GetProperty("max").GetDouble(), chart.GetProperty("max").GetDouble(), 1.0, "time axis end: " + what);
            }
        }

        Assert.IsTrue(charts.Any(c => c.GetProperty("strip").GetBoolean()) || !charts.Any(c => c.GetProperty("id").GetString() == "throttle"));
    }
}
