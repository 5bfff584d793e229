using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MonitorWorker.Tests.EndToEnd;

/// <summary>The real process on board trees with one absurd or hung file: everything else is served, and /health tells the truth.</summary>
[TestClass]
public sealed class AbsurdTreeTests
{
    [TestMethod]
    public async Task MemTotalThatOverflows_StatsAnswers200FromCacheAndFresh_WithMemoryNullAndItsReason()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        string meminfo = Path.Combine(tree.Root, "proc", "meminfo");
        File.WriteAllText(meminfo, File.ReadAllText(meminfo).Replace("MemTotal:       15666184 kB", "MemTotal:       18446744073709551615 kB", StringComparison.Ordinal));
        await using WorkerProcess worker = WorkerProcess.Start(tree.Environment());
        using HttpClient http = await worker.WaitUntilServingAsync("stats");

        foreach (string path in new[] { "stats", "stats?cache=false", "api/status", "api/memory" })
        {
            using HttpResponseMessage response = await http.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
        }

        JsonElement s = Json.Parse(await http.GetStringAsync("stats?cache=false"));
        Assert.IsTrue(s.IsNull("memory"));
        Assert.IsTrue(s.IsNull("swap"));
        StringAssert.Contains(s.Text("sources.memory"), "'18446744073709551615' overflows a 64-bit count");
        CollectionAssert.AreEqual(new double?[] { 0.02, 0.04, 0.05 }, s.Numbers("load_avg"), "the other sources are still read");
        Assert.AreEqual(49.925, s.Number("cpu_temp"));
        Assert.AreEqual("ok", s.Text("sources.cpu_times"));

        (int exitCode, string output, string error) = Cli.Run(tree.Environment(), null, "snapshot");
        Assert.AreEqual(0, exitCode, error);
        Assert.IsTrue(Json.Parse(output).IsNull("memory"));
    }

    [TestMethod]
    public async Task CpuOnlineListNamingBillionsOfCpus_ServesTheFourRealOnesWithoutGrowing()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        File.WriteAllText(Path.Combine(tree.Root, "sys", "devices", "system", "cpu", "online"), "2147483647\n");
        await using WorkerProcess worker = WorkerProcess.Start(tree.Environment());
        using HttpClient http = await worker.WaitUntilServingAsync("stats");

        JsonElement s = Json.Parse(await http.GetStringAsync("stats?cache=false"));
        Assert.HasCount(4, s.Numbers("per_cpu_usage"));
        StringAssert.Contains(s.Text("sources.cpu_online"), "above the highest supported id 4095");
        Assert.AreEqual("ok", s.Text("sources.memory"));
    }

    [TestMethod]
    public async Task CpuThermalZoneThatHangs_MakesHealthDegradedNamingIt()
    {
        Assert.IsTrue(OperatingSystem.IsLinux(), "needs mkfifo");
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        string temp = Path.Combine(tree.Root, "sys", "class", "thermal", "thermal_zone0", "temp");
        string hwmon = Path.Combine(tree.Root, "sys", "class", "hwmon", "hwmon0", "temp1_input");
        foreach (string hung in new[] { temp, hwmon })
        {
            File.Delete(hung);
            using Process mkfifo = Process.Start("mkfifo", [hung]);
            mkfifo.WaitForExit();
            Assert.AreEqual(0, mkfifo.ExitCode);
        }

        // The parked readers are the worker's threads: they end with its process, so the FIFOs need no writer afterwards.
        await using WorkerProcess worker = WorkerProcess.Start(tree.Environment());
        using HttpClient http = await worker.WaitUntilServingAsync("health", body => Json.Parse(body).Text("status") == "degraded");

        JsonElement health = Json.Parse(await http.GetStringAsync("health"));
        StringAssert.StartsWith(health.Text("checks.sources.description"), "cpu_temperature");
        JsonElement s = Json.Parse(await http.GetStringAsync("stats"));
        StringAssert.Contains(s.Text("sources.cpu_temperature"), "cpu-thermal (thermal_zone0):");
        StringAssert.Contains(s.Text("sources.cpu_temperature"), "thermal_zone0/temp: ");
        Assert.IsTrue(s.IsNull("cpu_temp"));
        Assert.AreEqual(0.02, s.Numbers("load_avg")[0]);
    }

    [TestMethod]
    public async Task EveryBoardFolder_ServesAsItIsThroughTheRecipeScript()
    {
        foreach (string board in new[] { "raspberry-pi-4", "raspberry-pi-5", "jetson-nano", "jetson-orin-nano", "x86-server" })
        {
            var start = new ProcessStartInfo(Path.Combine(Paths.Fixtures, "serve.sh"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(board);
            start.ArgumentList.Add("snapshot");
            start.Environment["PI_STAT_BIN"] = Paths.WorkerDll;
            foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("PISTAT_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.AreEqual(0, process.ExitCode, $"{board}: {await error}");
            JsonElement s = Json.Parse(await output);
            string expected = board.StartsWith("raspberry", StringComparison.Ordinal) ? "raspberry-pi" : board.StartsWith("jetson", StringComparison.Ordinal) ? "jetson" : "linux";
            Assert.AreEqual(expected, s.Text("board"), board);
            Assert.AreEqual("ok", s.Text("sources.memory"), board);
            Assert.AreEqual(string.Empty, await error, $"{board}: no warning, no error");
        }
    }
}
