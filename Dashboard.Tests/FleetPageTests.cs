using System.Net;
using System.Net.Sockets;
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
        await using DemoAgent pi = await DemoAgent.StartAsync("raspberry-pi-4");
        await using DemoAgent orin = await DemoAgent.StartAsync("jetson-orin-nano");
        // Bound and not listening, held for the test: connections are refused and no other test can take the port.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var refused = new Uri($"http://127.0.0.1:{((IPEndPoint)bound.LocalEndPoint!).Port}/");
        await using DemoAgent gateway = await DemoAgent.StartAsync("x86-server", configure: o =>
        {
            o.Peers = [pi.Address, orin.Address, refused];
            o.PeerIntervalSeconds = 1;
            o.PeerTimeoutSeconds = 10;
        });
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
        Assert.IsEmpty(watched.Errors, string.Join("\n", watched.Errors));
    }

    private static async Task<double[]> CpuColumnAsync(IPage page)
    {
        string[] cells = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#nodes tbody tr.ok td:nth-child(4)')].map(td => td.textContent)");
        return [.. cells.Where(c => c != "–").Select(c => double.Parse(c.Replace(" %", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))];
    }
}
