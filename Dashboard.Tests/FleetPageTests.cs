using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Tests;

[TestClass]
public sealed class FleetPageTests
{
    [TestMethod]
    public async Task AFleetOfDemoAgents_IsOneSortableRowPerNode_EachLinkingToItsDashboard()
    {
        await using DemoFleet fleet = await DemoFleet.StartAsync();
        (DemoAgent pi, DemoAgent orin, DemoAgent gateway) = (fleet.Pi, fleet.Orin, fleet.Gateway);
        await using WatchedPage watched = await Browser.OpenAsync(gateway);
        IPage page = watched.Page;

        await page.GotoAsync(new Uri(gateway.Address, "fleet").ToString());
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#nodes tbody tr.ok').length === 3 && document.querySelectorAll('#nodes tbody tr.unreachable').length === 1",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });

        string[] sources = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#nodes tbody tr')].map(r => r.dataset.source)");
        CollectionAssert.AreEquivalent(new[] { "self", "pi-stat", "pi-stat", "unknown" }, sources);
        string[] links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#nodes tbody tr.ok a')].map(a => a.getAttribute('href'))");
        CollectionAssert.AreEquivalent(new[] { "/", pi.Address.ToString(), orin.Address.ToString() }, links);
        StringAssert.Contains(await page.InnerTextAsync("#nodes tbody tr.unreachable"), "unreachable: ConnectionRefused");
        StringAssert.Contains(await page.InnerTextAsync("#facts"), "3 of 4 nodes answering");
        string piRow = await page.InnerTextAsync($"#nodes tbody tr:has(a[href='{pi.Address}'])");
        StringAssert.Contains(piRow, "raspberry-pi");
        StringAssert.Contains(piRow, "no / no", "throttling now / since boot from the demo Pi before its first episode");

        // Sort by CPU: ascending, then descending; the unreachable node (no figure) stays last.
        await page.ClickAsync("button[data-sort='cpu']");
        Assert.AreEqual("ascending", await page.GetAttributeAsync("th:has(button[data-sort='cpu'])", "aria-sort"));
        double[] up = await CpuColumnAsync(page);
        CollectionAssert.AreEqual(up.Order().ToArray(), up);
        await page.ClickAsync("button[data-sort='cpu']");
        Assert.AreEqual("descending", await page.GetAttributeAsync("th:has(button[data-sort='cpu'])", "aria-sort"));
        double[] down = await CpuColumnAsync(page);
        CollectionAssert.AreEqual(down.OrderDescending().ToArray(), down);
        Assert.AreEqual("unreachable", await page.GetAttributeAsync("#nodes tbody tr:last-child", "class"));

        AxeResult axe = await page.RunAxe();
        string[] serious = [.. axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}")];
        Assert.IsEmpty(serious, string.Join("\n", serious));
        await ChartLayoutTests.ScreenshotAsync(page, "fleet.png");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    [TestMethod]
    public async Task OnAPhone_EachNodeIsACard_WithADistinctName_ColouredStatus_AndItsSparkline()
    {
        await using DemoFleet fleet = await DemoFleet.StartAsync();
        (DemoAgent pi, DemoAgent orin, DemoAgent gateway) = (fleet.Pi, fleet.Orin, fleet.Gateway);
        await using WatchedPage watched = await Browser.OpenAsync(gateway, ChartLayoutTests.Viewport(390));
        IPage page = watched.Page;

        await page.GotoAsync(new Uri(gateway.Address, "fleet").ToString());
        // Three answering nodes, each pi-stat one with a drawn sparkline (a peer's starts from its own history).
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#nodes tbody tr.ok').length === 3 && [...document.querySelectorAll('#nodes tbody tr.ok svg.spark path.cpu')].filter(p => p.getAttribute('d').includes('L')).length === 3",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });

        Assert.IsLessThanOrEqualTo(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), "nothing scrolls sideways");
        JsonElement[] cards = [.. (await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('#nodes tbody tr')].map(tr => {
              const box = tr.getBoundingClientRect();
              const cells = [...tr.cells];
              return { display: getComputedStyle(tr).display, left: box.left, right: box.right, name: tr.querySelector('a').textContent,
                shown: cells.filter(td => td.getBoundingClientRect().width > 0 && td.getBoundingClientRect().right <= 390).map(td => td.dataset.label),
                labels: cells.slice(1).map(td => getComputedStyle(td, '::before').content),
                status: getComputedStyle(tr.querySelector('td.status')).color };
            })
            """)).EnumerateArray()];
        Assert.HasCount(4, cards);
        string[] every = ["Node", "Status", "Board", "CPU", "Temp.", "Memory", "Disk", "Throttling", "Last seen", "Trend"];
        string ok = await ColourOfAsync(page, "--ok");
        string bad = await ColourOfAsync(page, "--bad");
        foreach (JsonElement card in cards)
        {
            string name = card.GetProperty("name").GetString()!;
            Assert.AreEqual("block", card.GetProperty("display").GetString(), name + " is a card, not a table row");
            Assert.IsTrue(card.GetProperty("left").GetDouble() >= 0 && card.GetProperty("right").GetDouble() <= 390, name + " fits the phone");
            CollectionAssert.AreEqual(every, card.GetProperty("shown").EnumerateArray().Select(l => l.GetString()).ToArray(), name + ": every field shows");
            Assert.IsTrue(card.GetProperty("labels").EnumerateArray().All(l => l.GetString()!.Length > 2), name + ": each value carries its label");
        }

        string[] names = [.. cards.Select(c => c.GetProperty("name").GetString()!)];
        Assert.AreEqual(names.Length, names.Distinct().Count(), "distinct names: " + string.Join(", ", names));
        CollectionAssert.IsSubsetOf(new[] { "raspberry-pi-4@", "jetson-orin-nano@", "x86-server@" }, names.Select(n => n[..(n.IndexOf('@') + 1)]).ToArray(), string.Join(", ", names));
        Assert.AreEqual(ok, cards.Single(c => c.GetProperty("name").GetString()!.StartsWith("raspberry-pi-4@", StringComparison.Ordinal)).GetProperty("status").GetString(), "an answering node's status in the theme's good colour");
        Assert.AreEqual(bad, cards.Single(c => c.GetProperty("name").GetString() == "127.0.0.1").GetProperty("status").GetString(), "an unreachable one's in the bad colour");
        string throttling = await page.GetAttributeAsync($"#nodes tbody tr:has(a[href='{pi.Address}']) td.throttling", "class") ?? string.Empty;
        StringAssert.Matches(throttling, new System.Text.RegularExpressions.Regex("throttling (never|past|now)"), "a Pi's throttling is coloured by what it says");
        StringAssert.Contains(await page.GetAttributeAsync($"#nodes tbody tr:has(a[href='{pi.Address}']) svg.spark", "aria-label"), "CPU ");

        AxeResult axe = await page.RunAxe();
        string[] serious = [.. axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}")];
        Assert.IsEmpty(serious, string.Join("\n", serious));
        await ChartLayoutTests.ScreenshotAsync(page, "fleet-phone.png");
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    /// <summary>
    /// A demo Pi 4 and Orin Nano polled every second by an x86 demo, with a third peer whose port is bound and not
    /// listening (held for the test: connections are refused and no other test can take the port).
    /// </summary>
    [TestMethod]
    public async Task ABoardAnsweringPrometheusText_IsARowWithItsReadings_AndASparklineOfItsFirstSeries()
    {
        // A board serving prometheus_express's README output at /metrics, one request per connection.
        string text = File.ReadAllText(Path.Combine(DemoAgent.RepositoryRoot, "fixtures", "captures", "exposition", "prometheus_express__readme_bme680_si7021.txt"));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using Socket client = await listener.AcceptSocketAsync(stop.Token);
                await client.ReceiveAsync(new byte[1024], SocketFlags.None, stop.Token);
                byte[] body = System.Text.Encoding.UTF8.GetBytes(text);
                await client.SendAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n"), SocketFlags.None, stop.Token);
                await client.SendAsync(body, SocketFlags.None, stop.Token);
            }
        });
        var board = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/metrics");
        await using DemoAgent gateway = await DemoAgent.StartAsync("x86-server", configure: o =>
        {
            o.Fleet.Peers = [board];
            o.Fleet.PeerIntervalSeconds = 1;
        });
        await using WatchedPage watched = await Browser.OpenAsync(gateway);
        IPage page = watched.Page;

        await page.GotoAsync(new Uri(gateway.Address, "fleet").ToString());
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#nodes tbody tr[data-source=prometheus] svg.spark path.cpu')].some(p => p.getAttribute('d').includes('L'))",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });

        string row = await page.InnerTextAsync("#nodes tbody tr[data-source=prometheus]");
        StringAssert.Contains(row, "prom_express_temperature bme680 24.7359");
        StringAssert.Contains(row, "prom_express_gas 1060948");
        Assert.DoesNotContain("None", row, "the SDK's placeholder series are no readings");
        string spark = await page.GetAttributeAsync("#nodes tbody tr[data-source=prometheus] svg.spark", "aria-label") ?? "";
        StringAssert.Contains(spark, "prom_express_gas 1060948–1060948");
        AxeResult axe = await page.RunAxe();
        string[] serious = [.. axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}")];
        Assert.IsEmpty(serious, string.Join("\n", serious));
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
        stop.Cancel();
    }

    private sealed class DemoFleet : IAsyncDisposable
    {
        private readonly Socket _bound;

        private DemoFleet(DemoAgent pi, DemoAgent orin, DemoAgent gateway, Socket bound)
        {
            (Pi, Orin, Gateway, _bound) = (pi, orin, gateway, bound);
        }

        public DemoAgent Pi { get; }

        public DemoAgent Orin { get; }

        public DemoAgent Gateway { get; }

        public static async Task<DemoFleet> StartAsync()
        {
            DemoAgent pi = await DemoAgent.StartAsync("raspberry-pi-4");
            DemoAgent orin = await DemoAgent.StartAsync("jetson-orin-nano");
            var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var refused = new Uri($"http://127.0.0.1:{((IPEndPoint)bound.LocalEndPoint!).Port}/");
            DemoAgent gateway = await DemoAgent.StartAsync("x86-server", configure: o =>
            {
                o.Fleet.Peers = [pi.Address, orin.Address, refused];
                o.Fleet.PeerIntervalSeconds = 1;
                o.Fleet.PeerTimeoutSeconds = 10;
            });
            return new DemoFleet(pi, orin, gateway, bound);
        }

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Orin.DisposeAsync();
            await Pi.DisposeAsync();
            _bound.Dispose();
        }
    }

    private static Task<string> ColourOfAsync(IPage page, string variable)
        => page.EvaluateAsync<string>($"() => {{ const probe = document.createElement('span'); probe.style.color = 'var({variable})'; document.body.append(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; }}");

    private static async Task<double[]> CpuColumnAsync(IPage page)
    {
        string[] cells = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#nodes tbody tr.ok td:nth-child(4)')].map(td => td.textContent)");
        return [.. cells.Where(c => c != "–").Select(c => double.Parse(c.Replace(" %", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))];
    }
}
