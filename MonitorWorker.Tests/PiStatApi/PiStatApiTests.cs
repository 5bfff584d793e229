using System.Text.Json;
using HardwareProbes;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Tests.PiStatApi;

/// <summary>piStat's /network/interfaces, /storage/devices and /system/config on the Raspberry Pi 4 fixture, with piStat's shapes.</summary>
[TestClass]
public sealed class PiStatApiTests
{
    private static async Task<InProcessHost> StartPi4Async(Action<MonitorWorker.AgentOptions>? configure = null)
    {
        string board = Paths.Board("raspberry-pi-4");
        var probes = new ProbeOptions { ProcPath = Path.Combine(board, "proc"), SysPath = Path.Combine(board, "sys"), EtcPath = Path.Combine(board, "etc"), DiskPaths = ["/", Path.GetTempPath()] };
        InProcessHost host = await InProcessHost.StartAsync(new LinuxSnapshotSource(probes), configure);
        await host.WaitForFirstSnapshotAsync();
        return host;
    }

    [TestMethod]
    public async Task NetworkInterfaces_AreStatsNetworkUnderPiStatsKeys()
    {
        await using InProcessHost host = await StartPi4Async();

        JsonElement body = Json.Parse(await host.Http.GetStringAsync("network/interfaces"));
        JsonElement stats = Json.Parse(await host.Http.GetStringAsync("stats"));

        CollectionAssert.AreEqual(new[] { "interfaces", "timestamp" }, body.EnumerateObject().Select(p => p.Name).ToArray());
        JsonElement interfaces = body.GetProperty("interfaces");
        Assert.AreEqual(stats.GetProperty("network").GetRawText(), interfaces.GetRawText(), "the same counters as /stats");
        Assert.IsFalse(interfaces.TryGetProperty("lo", out _), "piStat skips the loopback");
        JsonElement eth0 = interfaces.GetProperty("eth0");
        CollectionAssert.AreEqual(new[] { "bytes_sent", "bytes_recv", "packets_sent", "packets_recv", "errin", "errout", "dropin", "dropout", "signal_strength" }, eth0.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(JsonValueKind.Null, eth0.GetProperty("signal_strength").ValueKind, "a wired interface has no signal");
        Assert.AreEqual(JsonValueKind.Number, interfaces.GetProperty("active_connections").ValueKind);
    }

    [TestMethod]
    public async Task StorageDevices_NameDeviceAndFilesystemFromTheMountTable()
    {
        await using InProcessHost host = await StartPi4Async();

        JsonElement body = Json.Parse(await host.Http.GetStringAsync("storage/devices"));

        CollectionAssert.AreEqual(new[] { "devices", "disk_io", "timestamp" }, body.EnumerateObject().Select(p => p.Name).ToArray());
        JsonElement root = body.GetProperty("devices")[0];
        CollectionAssert.AreEqual(new[] { "device", "mountpoint", "filesystem", "total", "used", "free", "percent" }, root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("/dev/mmcblk0p2", root.GetProperty("device").GetString(), "the fixture's mount table mounts the SD card at /");
        Assert.AreEqual("/", root.GetProperty("mountpoint").GetString());
        Assert.AreEqual("ext4", root.GetProperty("filesystem").GetString());
        Assert.IsGreaterThan(0L, root.GetProperty("total").GetInt64());
        Assert.IsLessThanOrEqualTo(root.GetProperty("total").GetInt64(), root.GetProperty("used").GetInt64());
        Assert.AreEqual(2, body.GetProperty("devices").GetArrayLength());
        JsonElement io = body.GetProperty("disk_io");
        Assert.AreEqual(25401943UL, io.GetProperty("read_count").GetUInt64(), "the fixture's diskstats summed over sda, mmcblk0 and nvme0n1");
    }

    [TestMethod]
    public async Task SystemConfig_SaysWhatAndHowThisAgentServes()
    {
        await using InProcessHost host = await StartPi4Async(o => (o.Sampling.CacheSeconds, o.Access.ApiKey) = (1.5, null));

        JsonElement body = Json.Parse(await host.Http.GetStringAsync("system/config"));

        CollectionAssert.AreEqual(new[] { "platform", "is_raspberry_pi", "hostname", "runtime", "version", "board", "server", "timestamp" }, body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("Linux", body.GetProperty("platform").GetString());
        Assert.IsTrue(body.GetProperty("is_raspberry_pi").GetBoolean());
        Assert.AreEqual("raspberry-pi", body.GetProperty("board").GetString());
        StringAssert.StartsWith(body.GetProperty("runtime").GetString(), ".NET 10");
        JsonElement server = body.GetProperty("server");
        Assert.AreEqual(1.5, server.GetProperty("cache_seconds").GetDouble());
        Assert.AreEqual("127.0.0.1", server.GetProperty("host").GetString());
        Assert.IsFalse(server.GetProperty("rate_limiting").GetProperty("enabled").GetBoolean());
        Assert.IsFalse(server.GetProperty("api_key_required").GetBoolean());
    }
}
