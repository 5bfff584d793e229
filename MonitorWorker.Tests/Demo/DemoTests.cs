using HardwareProbes;
using HardwareProbes.Network;
using HardwareProbes.Snapshots;
using MonitorWorker.Demo;

namespace MonitorWorker.Tests.Demo;

[TestClass]
public sealed class DemoTests
{
    private static (DemoBoard Demo, ProbeOptions Probes) Prepare(string board)
    {
        var probes = new ProbeOptions { DiskPaths = [] };
        DemoBoard demo = DemoBoard.Prepare(Paths.Board(board), probes);
        return (demo, probes);
    }

    [TestMethod]
    public void ARaspberryPiDemo_MovesEveryReadingThroughTheRealProbes()
    {
        (DemoBoard demo, ProbeOptions probes) = Prepare("raspberry-pi-4");
        using (demo)
        {
            StringAssert.StartsWith(probes.ProcPath, Path.GetTempPath().TrimEnd('/'));
            using var source = new LinuxSnapshotSource(probes);
            source.Collect();
            var usage = new List<double>();
            var temperature = new List<double>();
            var received = new List<ulong>();
            for (int i = 0; i < 30; i++)
            {
                demo.Advance(1);
                HardwareSnapshot s = source.Collect();
                usage.Add(s.Cpu.UsagePercent!.Value);
                temperature.Add(s.CpuTemperatureCelsius!.Value);
                received.Add(s.NetworkInterfaces!.Single(n => n.Name == "eth0").BytesReceived);
                Assert.IsTrue(s.ExpectedFailures.All(f => f.Key == SourceNames.Vcgencmd || f.Key.StartsWith("sdram", StringComparison.Ordinal)), string.Join(", ", s.ExpectedFailures));
                Assert.IsTrue(s.Memory!.Percent is > 5 and < 95, $"memory {s.Memory.Percent} %");
                Assert.IsTrue(s.LoadAverage!.OneMinute is > 0 and < 8);
            }

            Assert.IsTrue(usage.All(u => u is > 1 and < 99), string.Join(", ", usage));
            Assert.IsGreaterThan(2.0, usage.Max() - usage.Min(), "the load drifts");
            Assert.IsTrue(temperature.All(t => t is > 30 and < 85), string.Join(", ", temperature));
            Assert.AreNotEqual(temperature.Min(), temperature.Max(), "the temperature moves");
            CollectionAssert.AreEqual(received.Order().ToArray(), received.ToArray(), "counters only grow");
            double[] rates = [.. received.Zip(received.Skip(1), (a, b) => (double)(b - a))];
            Assert.IsTrue(rates.All(r => r is >= 40_000 and <= 160_000), string.Join(", ", rates));
        }
    }

    [TestMethod]
    public void ARaspberryPiDemo_HasAnUnderVoltageEpisodeEveryFewMinutes()
    {
        (DemoBoard demo, ProbeOptions probes) = Prepare("raspberry-pi-4");
        using (demo)
        {
            using var source = new LinuxSnapshotSource(probes);
            Assert.IsFalse(source.Collect().RaspberryPi!.Throttle!.UnderVoltage, "not at the start");
            Assert.IsFalse(source.Collect().RaspberryPi!.Throttle!.UnderVoltageOccurred, "nothing has happened yet");

            demo.Advance(DemoBoard.EpisodeEverySeconds - DemoBoard.EpisodeSeconds + 1);
            var during = source.Collect().RaspberryPi!;
            Assert.IsTrue(during.Throttle!.UnderVoltage);
            Assert.IsTrue(during.Throttle.Throttled);
            Assert.IsTrue(during.UnderVoltageNow, "the rpi_volt alarm agrees");

            demo.Advance(DemoBoard.EpisodeSeconds);
            var after = source.Collect().RaspberryPi!;
            Assert.IsFalse(after.Throttle!.UnderVoltage);
            Assert.IsTrue(after.Throttle.UnderVoltageOccurred, "the sticky bit stays");
        }
    }

    [TestMethod]
    [DataRow("jetson-orin-nano")]
    [DataRow("x86-server")]
    public void OtherBoards_MoveToo_AndTheCopyIsRemovedAfterwards(string board)
    {
        (DemoBoard demo, ProbeOptions probes) = Prepare(board);
        string root = Path.GetDirectoryName(probes.ProcPath)!;
        using (demo)
        {
            using var source = new LinuxSnapshotSource(new ProbeOptions { ProcPath = probes.ProcPath, SysPath = probes.SysPath, EtcPath = probes.EtcPath, DiskPaths = [] });
            HardwareSnapshot before = source.Collect();
            demo.Advance(5);
            HardwareSnapshot after = source.Collect();
            Assert.IsTrue(after.Cpu.UsagePercent is > 1 and < 99, $"{after.Cpu.UsagePercent}");
            Assert.IsGreaterThan(before.DiskIo!.ReadCount, after.DiskIo!.ReadCount);
            InterfaceCounters first = before.NetworkInterfaces!.First(n => n.Name != "lo");
            Assert.IsGreaterThan(first.BytesReceived, after.NetworkInterfaces!.Single(n => n.Name == first.Name).BytesReceived);
            Assert.AreEqual(board == "jetson-orin-nano" ? Path.Combine(Paths.Board(board), "tegrastats", "tegrastats") : null, probes.Tegrastats.ExecutablePath);
        }

        Assert.IsFalse(Directory.Exists(root), "the copy is removed");
    }

    [TestMethod]
    public void ABoardIsFoundByName_ByFolder_OrRefusedWithTheBoardsThereAre()
    {
        Assert.AreEqual(Paths.Board("raspberry-pi-4"), DemoBoards.Find("raspberry-pi-4", out _));
        Assert.AreEqual(Paths.Board("x86-server"), DemoBoards.Find(Paths.Board("x86-server"), out _));
        Assert.IsNull(DemoBoards.Find("commodore-64", out string? error));
        StringAssert.StartsWith(error, "is not a fixture board or a folder with a proc/ tree (boards: ");
        StringAssert.Contains(error, "jetson-orin-nano, raspberry-pi-4");
        Assert.IsNull(DemoBoards.Find("../../etc", out _), "a name is a name, not a path outside the fixtures");
    }

    [TestMethod]
    public async Task TheDemoCommand_ServesTheBoardLabelledAsADemo_AndRefusesAnUnknownOne()
    {
        (int code, _, string error) = Cli.Run(new Dictionary<string, string>(), Paths.Root, "demo", "commodore-64");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "PISTAT_DEMO");
        StringAssert.Contains(error, "raspberry-pi-4");

        // Started from elsewhere: the board is found beside the program.
        await using WorkerProcess worker = WorkerProcess.Start(new Dictionary<string, string> { ["PISTAT_SAMPLE_SECONDS"] = "0.2" }, "demo", "raspberry-pi-4");
        (_, string body) = await worker.WaitForBodyAsync("stats", b => Json.Parse(b).Number("cpu_usage") is not null);
        System.Text.Json.JsonElement stats = Json.Parse(body);
        Assert.AreEqual("raspberry-pi-4", stats.Text("demo"));
        Assert.AreEqual("Raspberry Pi 4 Model B Rev 1.5", stats.Text("hardware.model"));
    }

    [TestMethod]
    public void TheBoardsBuiltIntoTheBinary_AreEveryFixtureBoard()
    {
        string[] boards = [.. Directory.GetDirectories(Paths.Fixtures)
            .Where(d => Directory.Exists(Path.Combine(d, "proc")) && Path.GetFileName(d) is not ("broken" or "captures"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

        CollectionAssert.AreEqual(boards, DemoFolder.EmbeddedBoards.ToArray());
        Assert.IsGreaterThanOrEqualTo(5, boards.Length);
    }

    [TestMethod]
    [DataRow("raspberry-pi-4")]
    [DataRow("jetson-nano")]
    public void ABoardBuiltIntoTheBinary_IsWrittenOutWithItsToolsAndProcesses_AndRemovedWithTheDemo(string board)
    {
        // A name with no such folder here: the board comes out of the binary, not the repository.
        var probes = new ProbeOptions { DiskPaths = [] };
        DemoBoard demo = DemoBoard.Prepare(board, probes);
        string root = Path.GetDirectoryName(probes.ProcPath)!;
        using (demo)
        {
            StringAssert.StartsWith(demo.Board, Path.Combine(root, "fixtures"));
            Assert.IsTrue(File.Exists(Path.Combine(probes.ProcPath, "26231", "stat")), "the captured processes are listed");
            using var source = new LinuxSnapshotSource(probes);
            source.Collect();
            demo.Advance(2);
            HardwareSnapshot s = source.Collect();
            Assert.IsTrue(s.Cpu.UsagePercent is > 1 and < 99, $"{s.Cpu.UsagePercent}");
            if (board == "raspberry-pi-4")
            {
                // The vcgencmd wrapper runs the board tool written out beside the board, as a shell script.
                Assert.IsNotNull(s.RaspberryPi!.CoreVolts, "measure_volts core answered");
            }
            else
            {
                Assert.AreEqual(Path.Combine(demo.Board, "tegrastats", "tegrastats"), probes.Tegrastats.ExecutablePath);
                Assert.IsTrue(File.Exists(Path.Combine(root, "fixtures", "tools", "tegrastats-replay")));
            }
        }

        Assert.IsFalse(Directory.Exists(root), "the copy and the board written out are both removed");
    }

    [TestMethod]
    public void StaleDemoFolders_ThoseNoProcessHolds_AreRemoved_AndHeldOrUnfinishedOnesStay()
    {
        string temporary = Directory.CreateTempSubdirectory("pistat-demo-sweep-").FullName;
        try
        {
            string Folder(string name, bool withLock)
            {
                string folder = Path.Combine(temporary, DemoFolder.Prefix + name);
                Directory.CreateDirectory(folder);
                if (withLock)
                {
                    File.WriteAllText(Path.Combine(folder, ".lock"), "");
                }

                return folder;
            }

            string stale = Folder("1-stale", withLock: true);
            string held = Folder("2-held", withLock: true);
            string unfinished = Folder("3-being-made", withLock: false);
            string oldWithoutLock = Folder("4-old", withLock: false);
            Directory.SetCreationTimeUtc(oldWithoutLock, DateTime.UtcNow.AddHours(-1));
            string other = Path.Combine(temporary, "not-a-demo");
            Directory.CreateDirectory(other);

            int removed;
            using (new FileStream(Path.Combine(held, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                removed = DemoFolder.RemoveStale(temporary);
            }

            Assert.AreEqual(2, removed);
            Assert.IsFalse(Directory.Exists(stale));
            Assert.IsFalse(Directory.Exists(oldWithoutLock));
            Assert.IsTrue(Directory.Exists(held), "its process still runs");
            Assert.IsTrue(Directory.Exists(unfinished), "a demo may be making it right now");
            Assert.IsTrue(Directory.Exists(other));
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    [TestMethod]
    public async Task AStoppedDemoRemovesItsCopy_AndAKilledOnesCopyIsRemovedByTheNextDemoStart()
    {
        var fast = new Dictionary<string, string> { ["PISTAT_SAMPLE_SECONDS"] = "0.2" };
        string[] Copies(int pid) => Directory.GetDirectories(Path.GetTempPath(), $"{DemoFolder.Prefix}{pid}-*");

        WorkerProcess killed = WorkerProcess.Start(fast, "demo", "x86-server");
        await using (killed)
        {
            await killed.WaitUntilServingAsync();
            Assert.HasCount(1, Copies(killed.Id));
            await killed.KillAsync();
        }

        string[] left = Copies(killed.Id);
        Assert.HasCount(1, left, "a killed process cannot remove its copy");

        int next;
        await using (WorkerProcess worker = WorkerProcess.Start(fast, "demo", "x86-server"))
        {
            await worker.WaitUntilServingAsync();
            next = worker.Id;
            Assert.IsFalse(Directory.Exists(left[0]), "the next demo start removed it");
            Assert.HasCount(1, Copies(next));
        }

        Assert.IsEmpty(Copies(next), "SIGTERM: the service stopped cleanly and removed its copy");
    }
}
