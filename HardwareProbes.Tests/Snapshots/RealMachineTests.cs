using System.Diagnostics;
using System.Globalization;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>Reads this machine's real /proc and /sys and checks the readings against the OS's own answers.</summary>
[TestClass]
public sealed class RealMachineTests
{
    private static HardwareSnapshot s_snapshot = null!;
    private static HardwareSnapshot s_first = null!;

    [ClassInitialize]
    public static void CollectFromThisMachine(TestContext context)
    {
        _ = context;
        using var source = new LinuxSnapshotSource(new ProbeOptions { DiskPaths = ["/"] });
        s_first = source.Collect();
        Thread.Sleep(200);
        s_snapshot = source.Collect();
    }

    private static string Run(string file, string arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }

    [TestMethod]
    public void MemoryTotal_IsMemTotalTimes1024()
    {
        string line = File.ReadAllLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        long kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

        Assert.AreEqual(kilobytes * 1024, s_snapshot.Memory!.TotalBytes);
    }

    [TestMethod]
    public void OnlineCpuCount_IsTheKernels()
    {
        int online = int.Parse(Run("getconf", "_NPROCESSORS_ONLN"), CultureInfo.InvariantCulture);

        Assert.AreEqual(online, s_snapshot.Cpu.Cores.Count(c => c.Online));
    }

    [TestMethod]
    public void RootFilesystem_MatchesStatvfs()
    {
        // stat -f: %S fundamental block size, %b blocks, %a blocks available to unprivileged users.
        long[] f = Run("stat", "-f -c \"%S %b %a\" /").Split(' ').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        var root = s_snapshot.Filesystems.Single();
        Assert.AreEqual(f[0] * f[1], root.TotalBytes);

        // Free space moves as other processes write; a few MB between the two looks is the same answer.
        Assert.AreEqual(f[0] * f[2], root.FreeBytes, 64.0 * 1024 * 1024);
    }

    [TestMethod]
    public void InterfaceNames_AreThoseOfProcNetDev()
    {
        string[] expected = File.ReadAllLines("/proc/net/dev").Skip(2).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim()).ToArray();

        CollectionAssert.AreEqual(expected, s_snapshot.NetworkInterfaces!.Select(i => i.Name).ToArray());
    }

    [TestMethod]
    public void Uptime_AgreesWithTheMonotonicClock()
    {
        Assert.AreEqual(Environment.TickCount64 / 1000.0, s_snapshot.UptimeSeconds!.Value, 5.0);
    }

    [TestMethod]
    public void CpuUsage_IsMeasuredOnTheSecondSnapshotOnly()
    {
        Assert.IsNull(s_first.Cpu.UsagePercent);
        Assert.IsInRange(0.0, 100.0, s_snapshot.Cpu.UsagePercent!.Value);
    }

    [TestMethod]
    public void EverySource_IsOkOrSaysWhy()
    {
        foreach ((string source, string status) in s_snapshot.Sources)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(status), source);
        }

        Assert.AreEqual(HardwareSnapshot.Ok, s_snapshot.Sources["cpu_times"]);
        Assert.AreEqual(HardwareSnapshot.Ok, s_snapshot.Sources["memory"]);
        Assert.AreEqual(HardwareSnapshot.Ok, s_snapshot.Sources["net_dev"]);
    }
}
