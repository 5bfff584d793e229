using System.Text.Json;
using HardwareProbes;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Tests.Stats;

/// <summary>network_rates and disk_rates in /stats, and the fleet view's bytes per second, on a copy of the Pi 4 fixture.</summary>
[TestClass]
public sealed class StatsRatesTests
{
    [TestMethod]
    public async Task Rates_AppearFromTheSecondSample_AndFollowTheCounters()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        var probes = new ProbeOptions { ProcPath = Path.Combine(tree.Root, "proc"), SysPath = Path.Combine(tree.Root, "sys"), EtcPath = Path.Combine(tree.Root, "etc"), DiskPaths = [] };
        await using InProcessHost host = await InProcessHost.StartAsync(new LinuxSnapshotSource(probes));
        await host.WaitForFirstSnapshotAsync();

        JsonElement first = Json.Parse(await host.Http.GetStringAsync("stats"));
        JsonElement still = Json.Parse(await host.Http.GetStringAsync("stats?cache=false"));
        string dev = Path.Combine(tree.Root, "proc", "net", "dev");
        File.WriteAllText(dev, File.ReadAllText(dev).Replace("  eth0: 874354587 1036395", "  eth0: 884354587 1046395", StringComparison.Ordinal));
        JsonElement moved = Json.Parse(await host.Http.GetStringAsync("stats?cache=false"));
        JsonElement fleet = Json.Parse(await host.Http.GetStringAsync("api/monitoring/resources"));

        Assert.AreEqual(JsonValueKind.Null, first.GetProperty("network_rates").ValueKind, "the first sample has nothing to compare with");
        JsonElement rates = still.GetProperty("network_rates");
        Assert.IsFalse(rates.TryGetProperty("lo", out _));
        CollectionAssert.AreEqual(new[] { "rx_bytes_per_second", "tx_bytes_per_second", "rx_packets_per_second", "tx_packets_per_second" }, rates.GetProperty("eth0").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(0.0, rates.GetProperty("eth0").GetProperty("rx_bytes_per_second").GetDouble(), "counters that did not move");
        CollectionAssert.AreEqual(new[] { "read_bytes_per_second", "write_bytes_per_second", "read_ops_per_second", "write_ops_per_second" }, still.GetProperty("disk_rates").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.IsGreaterThan(0.0, moved.GetProperty("network_rates").GetProperty("eth0").GetProperty("rx_bytes_per_second").GetDouble(), "10 MB more received");
        Assert.AreEqual(0.0, moved.GetProperty("network_rates").GetProperty("eth0").GetProperty("tx_bytes_per_second").GetDouble());
        JsonElement self = fleet.GetProperty("nodes")[0].GetProperty("network");
        Assert.AreEqual(JsonValueKind.Number, self.GetProperty("bytes_received_per_second").ValueKind, "the fleet view sums the node's rates");
    }
}
