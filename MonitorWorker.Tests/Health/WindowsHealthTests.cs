using System.IO.Abstractions.TestingHelpers;
using System.Net;
using System.Text.Json;
using HardwareProbes;
using HardwareProbes.Network;
using HardwareProbes.Windows;
using Microsoft.Extensions.Time.Testing;

namespace MonitorWorker.Tests.Health;

/// <summary>
/// /health over the Windows source, driven through its Win32 seam: what Windows does not have (load average,
/// temperatures, disk I/O, USB) is not applicable and never degrades; an expected source that fails does.
/// </summary>
[TestClass]
public sealed class WindowsHealthTests
{
    private sealed class FakeWindows : IWindowsApi
    {
        public MemoryStatus? Memory { get; set; } = new(8UL << 30, 5UL << 30, 10UL << 30, 6UL << 30);

        public long TickCount64 => 7_200_000;

        public IReadOnlyList<ProcessorTimes>? ProcessorTimes() => [new(1000, 2000, 1000, 0, 0), new(1000, 2000, 1000, 0, 0)];

        MemoryStatus? IWindowsApi.MemoryStatus() => Memory;

        public string? ProcessorName() => "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz";

        public string? SystemModel() => "LENOVO 20L8S02D00";

        public IReadOnlyList<(double CurrentMhz, double MaxMhz)>? ProcessorFrequencies() => [(1900, 2112), (1700, 2112)];
    }

    private static WindowsSnapshotSource Source(FakeWindows api)
        => new(api, new MockFileSystem(), new ProbeOptions { DiskPaths = [] }, new FakeTimeProvider(DateTimeOffset.UtcNow), () => [new InterfaceCounters("Ethernet", 1000, 10, 0, 0, 2000, 20, 0, 0)], () => 3);

    private static async Task<JsonElement> HealthAsync(InProcessHost host)
    {
        using HttpResponseMessage response = await host.Http.GetAsync("health");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "healthy and degraded are both 200");
        return Json.Parse(await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task WindowsHost_WithOnlyNotApplicableSourcesAbsent_IsHealthy()
    {
        using WindowsSnapshotSource source = Source(new FakeWindows());
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();

        JsonElement health = await HealthAsync(host);

        Assert.AreEqual("healthy", health.Text("status"));
        Assert.IsNull(health.Text("checks.sources.description"));
        JsonElement stats = Json.Parse(await host.Http.GetStringAsync("stats"));
        Assert.AreEqual("not applicable: Windows has no load average", stats.Text("sources.loadavg"));
        Assert.IsTrue(stats.IsNull("load_avg"));
        Assert.AreEqual("windows", stats.Text("board"));
    }

    [TestMethod]
    public async Task WindowsHost_WhoseMemoryStatusFails_IsDegradedNamingIt()
    {
        using WindowsSnapshotSource source = Source(new FakeWindows { Memory = null });
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();

        JsonElement health = await HealthAsync(host);

        Assert.AreEqual("degraded", health.Text("status"));
        Assert.AreEqual("memory failed; /stats gives the reasons under sources", health.Text("checks.sources.description"));
        Assert.AreEqual("GlobalMemoryStatusEx failed", Json.Parse(await host.Http.GetStringAsync("stats")).Text("sources.memory"));
    }
}
