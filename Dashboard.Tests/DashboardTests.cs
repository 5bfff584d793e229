using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Tests;

[TestClass]
public sealed class DashboardTests
{
    private static readonly Dictionary<string, (string[] Drawn, string[] NotDrawn)> Panels = new()
    {
        ["raspberry-pi-4"] = (["cpu", "temp", "throttle", "memory", "freq", "clocks", "volts", "net", "packets", "disk", "diskops", "fs", "wifi", "load"], ["gpu", "power", "gpufreq", "engines"]),
        ["jetson-orin-nano"] = (["cpu", "temp", "gpu", "power", "memory", "freq", "gpufreq", "engines", "net", "packets", "disk", "diskops", "fs", "load"], ["throttle", "clocks", "volts"]),
        ["x86-server"] = (["cpu", "temp", "memory", "freq", "net", "packets", "disk", "diskops", "fs", "load"], ["throttle", "clocks", "volts", "gpu", "power", "gpufreq", "engines"]),
    };

    [TestMethod]
    [DataRow("raspberry-pi-4")]
    [DataRow("jetson-orin-nano")]
    [DataRow("x86-server")]
    public async Task EveryPanelThatApplies_DrawsData_AndLivePointsArrive_WithNoErrorAndNoOtherHost(string board)
    {
        await using DemoAgent agent = await DemoAgent.StartAsync(board);
        await using WatchedPage watched = await Browser.OpenAsync(agent);
        IPage page = watched.Page;

        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, Panels[board].Drawn);

        string[] drawn = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#panels .panel')].map(p => p.id.slice(6))");
        CollectionAssert.IsSubsetOf(Panels[board].Drawn, drawn, string.Join(", ", drawn));
        Assert.IsFalse(drawn.Intersect(Panels[board].NotDrawn).Any(), "panels that do not apply: " + string.Join(", ", drawn.Intersect(Panels[board].NotDrawn)));
        StringAssert.Contains(await page.InnerTextAsync("#demo"), board, "the page says it is a demo");
        Assert.AreNotEqual("pi-stat", await page.InnerTextAsync("#model"), "the header names the board");
        StringAssert.Contains(await page.InnerTextAsync("#health-text"), "healthy");

        // Live: five more points appended from the push stream without reloading; the quickest within 2 s of its sample.
        int generation = await page.EvaluateAsync<int>("() => piStatDashboard.generation");
        await page.EvaluateAsync("() => { window.arrivals = []; const seen = piStatDashboard.times.at(-1); const tick = () => { const t = piStatDashboard.times.at(-1); if (t > (window.arrivals.at(-1)?.t ?? seen)) window.arrivals.push({ t, lag: Date.now() / 1000 - t }); }; setInterval(tick, 20); }");
        await page.WaitForFunctionAsync("() => window.arrivals.length >= 5", null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 });
        double[] lags = await page.EvaluateAsync<double[]>("() => window.arrivals.map(a => a.lag)");
        Assert.IsLessThanOrEqualTo(2.0, lags.Min(), "seconds from sample to chart: " + string.Join(", ", lags));
        Assert.AreEqual(generation, await page.EvaluateAsync<int>("() => piStatDashboard.generation"), "appended, not reloaded");
        Assert.AreEqual("live", await page.InnerTextAsync("#live"));

        string origin = agent.Address.GetLeftPart(UriPartial.Authority);
        string[] foreign = [.. watched.Requests.Select(r => r.Url).Where(u => !u.StartsWith(origin + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal))];
        Assert.IsEmpty(foreign, "requests to another host: " + string.Join(", ", foreign));
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task TheDayView_DrawsTheMinMaxBand_AndTheThrottlingStrip()
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("raspberry-pi-4");
        await using WatchedPage watched = await Browser.OpenAsync(agent);
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, ["cpu"]);
        Assert.AreEqual("true", await page.GetAttributeAsync("button[data-range='3600']", "aria-pressed"));

        await page.ClickAsync("button[data-range='86400']");
        await page.WaitForFunctionAsync("() => document.querySelector('#panel-cpu .chart')?.dataset.band === 'true'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        Assert.AreEqual("true", await page.GetAttributeAsync("button[data-range='86400']", "aria-pressed"));
        JsonElement minMax = await page.EvaluateAsync<JsonElement>("() => { const s = piStatDashboard.series.get('cpu.usage'); return { min: s.min.filter(v => v != null), max: s.max.filter(v => v != null) }; }");
        Assert.IsGreaterThan(0, minMax.GetProperty("min").GetArrayLength(), "the minute tier answers with minima");
        Assert.IsTrue(minMax.GetProperty("max").EnumerateArray().Zip(minMax.GetProperty("min").EnumerateArray()).All(p => p.First.GetDouble() >= p.Second.GetDouble()));
        Assert.AreEqual(4, await page.EvaluateAsync<int>("() => piStatDashboard.charts.get('throttle').rows.length"), "four conditions");
        StringAssert.Contains(await page.InnerTextAsync("#panel-throttle .badges"), "Under-voltage now: no");
        Assert.AreEqual("86400", await page.EvaluateAsync<string>("() => localStorage.getItem('pistat.range')"), "the range is remembered");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task WithAnApiKey_ThePageAsksOnce_RefusesAWrongKey_AndNeverPutsItInAUrl()
    {
        const string Key = "correct-horse-battery-staple";
        await using DemoAgent agent = await DemoAgent.StartAsync("x86-server", apiKey: Key);
        await using WatchedPage watched = await Browser.OpenAsync(agent);
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());

        await page.Locator("#key-dialog[open]").WaitForAsync();
        Assert.IsTrue(await page.Locator("#key-error").IsHiddenAsync(), "no key was sent yet, so none was refused");
        await page.FillAsync("#key-input", "wrong-key-of-sixteen-chars");
        await page.ClickAsync("#key-form button[type=submit]");
        await page.Locator("#key-error").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.IsTrue(await page.Locator("#key-dialog[open]").IsVisibleAsync(), "still asking");

        await page.FillAsync("#key-input", Key);
        await page.ClickAsync("#key-form button[type=submit]");
        await WaitForChartsAsync(page, ["cpu", "memory"]);
        Assert.IsFalse(await page.Locator("#key-dialog[open]").IsVisibleAsync());
        await page.WaitForFunctionAsync("() => document.querySelector('#live').textContent === 'live'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.AreEqual(Key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('pistat.key')"));

        Assert.IsFalse(watched.Requests.Any(r => r.Url.Contains(Key, StringComparison.Ordinal) || r.Url.Contains("wrong-key", StringComparison.Ordinal)), "a key in a URL");
        var data = watched.Requests.Where(r => r.Url.Contains("/api/", StringComparison.Ordinal) || r.Url.EndsWith("/stats", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(data.Any(r => r.Url.Contains("/api/stream", StringComparison.Ordinal) && r.Headers.GetValueOrDefault("authorization") == "Bearer " + Key), "the live stream carries the key in its header");
        Assert.IsTrue(data.Any(r => r.Url.Contains("/api/history", StringComparison.Ordinal) && r.Headers.GetValueOrDefault("authorization") == "Bearer " + Key));
        Assert.IsTrue(watched.Errors.All(e => e.Contains("401", StringComparison.Ordinal)), "only the refusals failed: " + string.Join("\n", watched.Errors));

        // A reload in the same tab uses the kept key without asking again.
        await page.ReloadAsync();
        await WaitForChartsAsync(page, ["cpu"]);
        Assert.IsFalse(await page.Locator("#key-dialog[open]").IsVisibleAsync());
    }

    [TestMethod]
    public async Task DarkMode_FollowsTheSystem_TheToggleIsRemembered_AndAxeFindsNothingSerious()
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("raspberry-pi-4");
        await using WatchedPage watched = await Browser.OpenAsync(agent, new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, ["cpu", "temp"]);

        Assert.AreEqual("dark", await page.GetAttributeAsync("html", "data-theme"));
        Assert.AreEqual("rgb(15, 18, 22)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await AssertNoSeriousViolationsAsync(page, "dark");

        await page.ClickAsync("#theme"); // system → light
        Assert.AreEqual("light", await page.GetAttributeAsync("html", "data-theme"));
        await page.ReloadAsync();
        await WaitForChartsAsync(page, ["cpu"]);
        Assert.AreEqual("light", await page.GetAttributeAsync("html", "data-theme"), "the choice outlives a reload");
        await AssertNoSeriousViolationsAsync(page, "light");

        await page.ClickAsync("#temp-unit");
        StringAssert.Contains(await page.InnerTextAsync("#panel-temp .now"), "°F");
        await page.ClickAsync("#rate-unit");
        StringAssert.Contains(await page.InnerTextAsync("#panel-net .now"), "bit/s");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task OnA390PixelPhone_NothingScrollsSideways_AndTheControlsAreReachableByKeyboard()
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("jetson-orin-nano");
        await using WatchedPage watched = await Browser.OpenAsync(agent, ChartLayoutTests.Viewport(390));
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, ["cpu", "power"]);

        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.IsLessThanOrEqualTo(390, scrollWidth, "the page is wider than the phone");
        double widest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.panel, .uplot')].map(e => e.getBoundingClientRect().right))");
        Assert.IsLessThanOrEqualTo(390.0, widest);
        await AssertNoSeriousViolationsAsync(page, "phone");

        // Tab from the top reaches the range buttons, which answer to the keyboard.
        var focused = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>("() => document.activeElement.dataset.range || document.activeElement.id || document.activeElement.tagName"));
        }

        CollectionAssert.IsSubsetOf(new[] { "300", "3600", "86400", "604800", "2592000", "31536000", "theme", "temp-unit", "rate-unit" }, focused, string.Join(", ", focused));
        await page.FocusAsync("button[data-range='300']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector(\"button[data-range='300']\").getAttribute('aria-pressed') === 'true'");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task TopProcesses_AreReadOnlyWhileThePanelIsOpen_AndListTheBusiest()
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("x86-server");
        var watch = (MonitorWorker.Processes.ProcessWatch)agent.Services.GetService(typeof(MonitorWorker.Processes.ProcessWatch))!;
        await using WatchedPage watched = await Browser.OpenAsync(agent);
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, ["cpu"]);
        Assert.AreEqual(0, watch.Collections, "a page with the panel closed reads no processes");

        await page.ClickAsync("#processes-panel summary");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#processes tbody tr').length >= 4", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        string[][] rows = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#processes tbody tr')].map(r => [...r.cells].map(c => c.textContent))");
        CollectionAssert.AreEquivalent(new[] { "[(a b ) ( c d) ]", "vim", "[ata_sff]", "[pthread_load]" }, rows.Select(r => r[0]).ToArray(), "the captured processes; one without a command line shown as ps shows a kernel thread");
        string[] busy = rows.Single(r => r[0] == "[pthread_load]");
        Assert.AreEqual("27079", busy[1]);
        StringAssert.EndsWith(busy[3], " %");
        Assert.AreEqual("prometheus", rows.Single(r => r[0] == "vim")[2]);
        await AssertNoSeriousViolationsAsync(page, "processes");

        await page.ClickAsync("#processes-panel summary");
        int closedAt = watch.Collections;
        Assert.IsGreaterThanOrEqualTo(1, closedAt);
        await page.WaitForTimeoutAsync(7000); // two poll intervals: an open panel would have asked twice
        Assert.AreEqual(closedAt, watch.Collections, "closing the panel stops the reading");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task WithASampleEveryFiveSeconds_TheLiveLabelSaysSo_AndTheHourIsDrawnFromTheSamples()
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("x86-server", configure: o => o.Sampling.SampleSeconds = 5);
        await using WatchedPage watched = await Browser.OpenAsync(agent);
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, ["cpu"]);

        await page.WaitForFunctionAsync("() => document.querySelector('#live').textContent.startsWith('live')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.AreEqual("live · a point every 5 s", await page.InnerTextAsync("#live"));
        double[] gaps = await page.EvaluateAsync<double[]>("() => piStatDashboard.times.slice(1).map((t, i) => t - piStatDashboard.times[i])");
        Assert.IsTrue(gaps.Length >= 2 && gaps.All(g => g is >= 4 and <= 6), "a point per sample, about 5 s apart: " + string.Join(", ", gaps));
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task RaspberryPi5_DrawsItsFan()
    {
        await using DemoAgent agent = await DemoAgent.StartAsync("raspberry-pi-5");
        await using WatchedPage watched = await Browser.OpenAsync(agent);
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());

        await WaitForChartsAsync(page, ["cpu", "fans"]);

        StringAssert.Contains(await page.InnerTextAsync("#panel-fans"), "rpm");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task RaspberryPi5_DrawsItsSensorChipsAndPmic_OnePanelPerUnit()
    {
        // The Pi 5 fixture carries a BME280 and an ADS1015 (IIO), an SHT3x, an SHT4x, an INA219 and an INA3221 (hwmon).
        // PISTAT_WRITE_SENSOR_SCREENSHOT names a file to write the page to (bench/screenshot.sh).
        await using DemoAgent agent = await DemoAgent.StartAsync("raspberry-pi-5");
        await using WatchedPage watched = await Browser.OpenAsync(agent, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Dark });
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());

        await WaitForChartsAsync(page, ["env-temp", "env-humidity", "env-pressure", "power-sensors", "power-volts", "power-amps"]);

        StringAssert.Contains(await page.InnerTextAsync("#panel-env-pressure"), "bme280 pressure 1007.2 hPa");
        StringAssert.Contains(await page.InnerTextAsync("#panel-env-humidity"), "sht3x humidity1 46 %");
        Assert.DoesNotContain("sht4x humidity1", await page.InnerTextAsync("#panel-env-humidity"), "104.2 % is no reading: it has no line");
        string volts = await page.InnerTextAsync("#panel-power-volts");
        StringAssert.Contains(volts, "EXT5V (5 V input) 5.068 V");
        StringAssert.Contains(volts, "ina219 bus 5.080 V");
        string watts = await page.InnerTextAsync("#panel-power-sensors");
        StringAssert.Contains(watts, "PMIC estimate 10.80 W");
        StringAssert.Contains(watts, "ina3221 VDD_5V_NVME 4.26 W");
        StringAssert.Contains(await page.InnerTextAsync("#panel-power-amps"), "ina219 curr1 1.200 A");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
        if (Environment.GetEnvironmentVariable("PISTAT_WRITE_SENSOR_SCREENSHOT") is { Length: > 0 } target)
        {
            await page.WaitForFunctionAsync("() => piStatDashboard.times.length >= 12", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            await page.Locator("#panel-env-temp").ScrollIntoViewIfNeededAsync();
            await File.WriteAllBytesAsync(target, await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true }));
        }
    }

    [TestMethod]
    public async Task Screenshot_ForTheReadme()
    {
        // Writes README's screenshot when PISTAT_WRITE_SCREENSHOT names a file (bench/screenshot.sh); otherwise checks
        // that the page renders to a picture at all.
        // PISTAT_SCREENSHOT_BOARD, _WIDTH and _THEME choose another board, width or theme.
        string? target = Environment.GetEnvironmentVariable("PISTAT_WRITE_SCREENSHOT");
        string board = Environment.GetEnvironmentVariable("PISTAT_SCREENSHOT_BOARD") is { Length: > 0 } b ? b : "jetson-orin-nano";
        int width = int.TryParse(Environment.GetEnvironmentVariable("PISTAT_SCREENSHOT_WIDTH"), out int w) ? w : 1280;
        ColorScheme scheme = Environment.GetEnvironmentVariable("PISTAT_SCREENSHOT_THEME") == "light" ? ColorScheme.Light : ColorScheme.Dark;
        await using DemoAgent agent = await DemoAgent.StartAsync(board);
        await using WatchedPage watched = await Browser.OpenAsync(agent, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, ColorScheme = scheme });
        IPage page = watched.Page;
        await page.GotoAsync(agent.Address.ToString());
        await WaitForChartsAsync(page, ["cpu", "temp"]);
        await page.WaitForFunctionAsync("() => piStatDashboard.times.length >= 12", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = false });
        Assert.IsGreaterThan(10_000, png.Length, "a picture with something in it");
        if (target is { Length: > 0 })
        {
            await File.WriteAllBytesAsync(target, png);
        }
    }

    /// <summary>Waits until every named panel's chart has data points drawn (or, for the strip, its rows).</summary>
    internal static async Task WaitForChartsAsync(IPage page, string[] panels)
    {
        string ids = JsonSerializer.Serialize(panels);
        await page.WaitForFunctionAsync(
            $"() => {ids}.every(id => {{ const c = window.piStatDashboard && piStatDashboard.charts.get(id); if (!c) return false; if (c.strip) return c.rows.length > 0; return c.u.data.slice(1).every(s => s.some(v => v != null)) && c.u.data[0].length >= 2; }})",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        AxeResult result = await page.RunAxe();
        string[] serious = [.. result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")];
        Assert.IsEmpty(serious, what + ":\n" + string.Join("\n", serious));
    }
}
