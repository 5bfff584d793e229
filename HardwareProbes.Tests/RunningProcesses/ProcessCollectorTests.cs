using System.Diagnostics;
using System.Globalization;
using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using HardwareProbes.RunningProcesses;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.RunningProcesses;

[TestClass]
public sealed class ProcessCollectorTests
{
    private static readonly string Tree = Path.Combine(Fixtures.Root, "captures", "processes");
    private const long MemTotalBytes = 15666184L * 1024;

    private static ProcessCollector For(string root) => new(new FileSystem(), Fixtures.OptionsFor(root), new FakeTimeProvider());

    private static ProcessCollector ForRoots(string proc, string etc) => new(new FileSystem(), new ProbeOptions { ProcPath = proc, EtcPath = etc }, new FakeTimeProvider());

    [TestMethod]
    public void Collect_FixtureTree_ReadsEveryProcessWithAStatFile()
    {
        using ProcessCollector collector = For(Tree);

        ProcessTable table = collector.Collect();

        CollectionAssert.AreEqual(new[] { 584, 26231, 26232, 27079 }, table.Processes.Select(p => p.Pid).ToArray());
        Assert.AreEqual(1, table.Skipped, "26235 has a status file but no stat: it ended between the listing and the read");
        Assert.IsNull(table.Failure);
        Assert.IsNull(table.WindowSeconds);
        Assert.AreEqual(108500.0, table.UptimeSeconds, 1e-9);
    }

    [TestMethod]
    public void Collect_FixtureTree_FillsEachFieldFromItsFile()
    {
        using ProcessCollector collector = For(Tree);

        ProcessEntry vim = collector.Collect().Processes.Single(p => p.Pid == 26231);

        Assert.AreEqual("vim", vim.Name);
        Assert.AreEqual("vim test.go +10", vim.CommandLine);
        Assert.AreEqual("prometheus", vim.User, "uid 1000 in status, named by etc/passwd");
        Assert.AreEqual('R', vim.State);
        Assert.AreEqual(5392, vim.ParentPid);
        Assert.AreEqual(6716L * 1024, vim.RssBytes);
        Assert.AreEqual(6716L * 1024 * 100.0 / MemTotalBytes, vim.MemoryPercent!.Value, 1e-9);
        Assert.AreEqual(1, vim.Threads);
        Assert.AreEqual(108500 - 823.75, vim.RunningSeconds, 1e-9);

        // Not seen before: CPU over the process's whole life, as ps counts it (17.21 s of CPU in 107676.25 s).
        Assert.AreEqual(17.21 * 100 / 107676.25, vim.CpuPercent!.Value, 1e-9);
    }

    [TestMethod]
    public void Collect_KernelThreadAndOddName_HaveNullsWhereTheirFilesSayNothing()
    {
        using ProcessCollector collector = For(Tree);
        ProcessTable table = collector.Collect();

        ProcessEntry kernel = table.Processes.Single(p => p.Pid == 26232);
        Assert.AreEqual("ata_sff", kernel.Name);
        Assert.IsNull(kernel.CommandLine, "an empty cmdline");
        Assert.IsNull(kernel.User, "no status file");
        Assert.IsNull(kernel.RssBytes);
        Assert.AreEqual(0.0, kernel.CpuPercent);

        ProcessEntry odd = table.Processes.Single(p => p.Pid == 584);
        Assert.AreEqual("(a b ) ( c d) ", odd.Name);
        Assert.AreEqual(0.0, odd.CpuPercent);
    }

    [TestMethod]
    public void Collect_WithPreviousTable_MeasuresCpuOverTheWindowBetweenThem()
    {
        using ProcessCollector first = For(Tree);
        using ProcessCollector second = For(Path.Combine(Tree, "later"));
        ProcessTable before = first.Collect();

        ProcessTable after = second.Collect(before);

        Assert.AreEqual(2.0, after.WindowSeconds!.Value, 1e-9);
        Dictionary<int, ProcessEntry> byPid = after.Processes.ToDictionary(p => p.Pid);
        Assert.AreEqual(75.0, byPid[26231].CpuPercent!.Value, 1e-9, "150 ticks in 2 s");
        Assert.AreEqual(100.0, byPid[27079].CpuPercent!.Value, 1e-9, "200 ticks in 2 s");
        Assert.AreEqual(0.0, byPid[584].CpuPercent!.Value, 1e-9);

        // 26232 is a new process under a reused pid (another start time): measured over its own life, 1 s in 502 s.
        Assert.AreEqual("sleep", byPid[26232].Name);
        Assert.AreEqual(100.0 / 502, byPid[26232].CpuPercent!.Value, 1e-9);
    }

    [TestMethod]
    public void Top_ByCpuAndMemory_OrdersLargestFirstWithUnknownLast()
    {
        using ProcessCollector first = For(Tree);
        using ProcessCollector second = For(Path.Combine(Tree, "later"));
        ProcessTable table = second.Collect(first.Collect());

        CollectionAssert.AreEqual(new[] { 27079, 26231, 26232 }, table.Top(ProcessSort.Cpu, 3).Select(p => p.Pid).ToArray());
        CollectionAssert.AreEqual(new[] { 26231, 584, 26232, 27079 }, table.Top(ProcessSort.Memory, 10).Select(p => p.Pid).ToArray(), "only 26231 has a status file in the later tree; the others follow by pid");
        CollectionAssert.AreEqual(new[] { "(a b ) ( c d) ", "pthread_load", "sleep", "vim" }, table.Top(ProcessSort.Name, 10).Select(p => p.Name).ToArray());
        Assert.AreEqual(0, table.Top(ProcessSort.Pid, 0).Count);
    }

    [TestMethod]
    public void Collect_ProcessGoneBetweenListingAndRead_IsSkippedWithoutAFailure()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/proc/uptime"] = new("100.00 150.00\n"),
            ["/proc/meminfo"] = new("MemTotal: 1000 kB\nMemFree: 500 kB\n"),
            ["/proc/1/stat"] = new("1 (init) S 0 1 1 0 -1 4194560 10 20 5 10 300 200 0 0 20 0 1 0 1 2 3\n"),
            ["/proc/4242/status"] = new("Name:\tgone\n"), // the directory is still listed; stat has already gone
        });
        fs.AddDirectory("/proc/4243"); // an empty directory: the process ended while the kernel tore it down
        using var collector = new ProcessCollector(fs, new ProbeOptions(), new FakeTimeProvider());

        ProcessTable table = collector.Collect();

        Assert.AreEqual(1, table.Processes.Count);
        Assert.AreEqual(5.0 * 100 / 99.99, table.Processes[0].CpuPercent!.Value, 1e-9, "5 s of CPU in the 99.99 s since it started");
        Assert.AreEqual(2, table.Skipped);
        Assert.IsNull(table.Failure, "a process that ended is not a failure");
    }

    [TestMethod]
    public void Collect_MalformedStat_SkipsThatProcessAndSaysWhy()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/proc/uptime"] = new("100.00 150.00\n"),
            ["/proc/meminfo"] = new("MemTotal: 1000 kB\nMemFree: 500 kB\n"),
            ["/proc/7/stat"] = new("garbage\n"),
            ["/proc/8/stat"] = new("8 (ok) S 0 1 1 0 -1 4194560 10 20 5 10 0 0 0 0 20 0 1 0 1 2 3\n"),
        });
        using var collector = new ProcessCollector(fs, new ProbeOptions(), new FakeTimeProvider());

        ProcessTable table = collector.Collect();

        Assert.AreEqual(8, table.Processes.Single().Pid);
        Assert.AreEqual(1, table.Skipped);
        StringAssert.StartsWith(table.Failure, "/proc/7/stat: line 1");
    }

    [TestMethod]
    public void Collect_NoUptime_IsAnEmptyTableWithTheReason()
    {
        var fs = new MockFileSystem();
        fs.AddDirectory("/proc/1");
        using var collector = new ProcessCollector(fs, new ProbeOptions(), new FakeTimeProvider());

        ProcessTable table = collector.Collect();

        Assert.AreEqual(0, table.Processes.Count);
        Assert.AreEqual("/proc/uptime: not found", table.Failure);
    }

    [TestMethod]
    public void Collect_StartAfterUptime_HasNoCpuFigure()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/proc/uptime"] = new("10.00 15.00\n"),
            ["/proc/9/stat"] = new("9 (clock) S 0 1 1 0 -1 4194560 10 20 5 10 100 0 0 0 20 0 1 0 5000 2 3\n"), // started at 50 s
        });
        using var collector = new ProcessCollector(fs, new ProbeOptions(), new FakeTimeProvider());

        ProcessEntry entry = collector.Collect().Processes.Single();

        Assert.IsNull(entry.CpuPercent);
        Assert.AreEqual(0.0, entry.RunningSeconds);
    }

    [TestMethod]
    public void CommandLine_LongArguments_AreJoinedAndCut()
    {
        string text = "python3\0" + new string('a', 1000) + "\0";

        string line = ProcessCollector.CommandLine(text)!;

        Assert.AreEqual(ProcessCollector.MaxCommandLineChars, line.Length);
        StringAssert.StartsWith(line, "python3 aaa");
        StringAssert.EndsWith(line, "…");
        Assert.IsNull(ProcessCollector.CommandLine("\0\0"));
    }

    /// <summary>
    /// A real busy process on this machine, named with spaces and parentheses. Its figure is ps's %cpu (CPU time over
    /// the process's life), so ps runs between two collections and must agree with them: ps's moment lies between
    /// theirs. The child runs 8 s first, so that the few milliseconds between one reading and the next move a
    /// lifetime average by far less than the 2 points allowed, however busy the machine is.
    /// </summary>
    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Collect_BusyLoopChild_AgreesWithPsWithinTwoPoints()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/ps"))
        {
            Assert.Inconclusive("needs Linux and ps");
            return;
        }

        string folder = Directory.CreateTempSubdirectory("pistat-busy-").FullName;
        string shell = Path.Combine(folder, "busy (1) x)");
        File.Copy("/bin/sh", shell);
        File.SetUnixFileMode(shell, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using var child = Process.Start(new ProcessStartInfo(shell, ["-c", "while :; do :; done"]))!;
        try
        {
            using var collector = new ProcessCollector(new ProbeOptions());
            ProcessEntry? busy = null;
            while (busy is null || busy.RunningSeconds < 8 || busy.CpuPercent * busy.RunningSeconds < 100)
            {
                await Task.Delay(500, TestContext.CancellationToken);
                busy = collector.Collect().Processes.SingleOrDefault(p => p.Pid == child.Id);
                Assert.IsNotNull(busy, "the child is listed");
            }

            string pid = child.Id.ToString(CultureInfo.InvariantCulture);
            double before = collector.Collect().Processes.Single(p => p.Pid == child.Id).CpuPercent!.Value;
            string ps = Run("/bin/ps", "-o", "%cpu=", "-o", "comm=", "-p", pid).Trim();
            ProcessEntry after = collector.Collect().Processes.Single(p => p.Pid == child.Id); // no previous table: lifetime again
            double psCpu = double.Parse(ps.AsSpan(0, ps.IndexOf(' ')), CultureInfo.InvariantCulture);

            Assert.AreEqual("busy (1) x)", after.Name);
            Assert.AreEqual("busy (1) x)", ps[(ps.IndexOf(' ') + 1)..].Trim());
            Assert.AreEqual($"{shell} -c while :; do :; done", after.CommandLine);
            double low = Math.Min(before, after.CpuPercent!.Value) - 2, high = Math.Max(before, after.CpuPercent.Value) + 2;
            Assert.IsTrue(psCpu >= low && psCpu <= high, $"ps said '{ps}'; the collections before and after said {before:0.0} and {after.CpuPercent:0.0}");
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    public TestContext TestContext { get; set; } = null!;

    private static string Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
