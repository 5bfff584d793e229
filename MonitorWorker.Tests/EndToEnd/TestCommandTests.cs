using System.Text.Json;

namespace MonitorWorker.Tests.EndToEnd;

/// <summary>`pi-stat test` queries a running agent and prints its answer; `pi-stat monitor` prints its push stream.</summary>
[TestClass]
public sealed class TestCommandTests
{
    [TestMethod]
    public async Task Test_RunningAgent_PrintsTheEndpointsBody()
    {
        await using WorkerProcess worker = WorkerProcess.Start(WorkerProcess.BoardEnvironment("x86-server"));
        using HttpClient http = await worker.WaitUntilServingAsync();

        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string>(), null, "test", "--url", worker.BaseAddress.ToString(), "--endpoint", "health");

        Assert.AreEqual(0, exitCode, error);
        Assert.AreEqual("pi-stat", Json.Parse(output).Text("service"));
    }

    [TestMethod]
    public void Test_NobodyListening_ExitsNonZeroNamingTheUrl()
    {
        int port = WorkerProcess.FreePort();

        (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), null, "test", "--url", $"http://127.0.0.1:{port}", "--endpoint", "stats");

        Assert.AreEqual(1, exitCode);
        StringAssert.StartsWith(error, $"http://127.0.0.1:{port}/stats: ");
    }

    [TestMethod]
    public void Test_BadUrl_IsRejected()
    {
        (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), null, "test", "--url", "ftp://example", "--endpoint", "stats");

        Assert.AreEqual(2, exitCode);
        Assert.AreEqual("--url: 'ftp://example' is not an http URL (the agent serves plain HTTP)", error.TrimEnd('\n'));
    }

    [TestMethod]
    public async Task Test_TegrastatsApiName_PrintsTheApiEndpoint()
    {
        await using WorkerProcess worker = WorkerProcess.Start(WorkerProcess.BoardEnvironment("x86-server"));
        await worker.WaitUntilServingAsync();

        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string>(), null, "test", "--url", worker.BaseAddress.ToString(), "--endpoint", "cpu");

        Assert.AreEqual(0, exitCode, error);
        JsonElement cores = Json.Parse(output).At("cpu.cores");
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, cores.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToArray());
    }

    [TestMethod]
    public async Task Monitor_FiveSecondsAtOneHertz_PrintsAtLeastFiveUpdates()
    {
        await using WorkerProcess worker = WorkerProcess.Start(WorkerProcess.BoardEnvironment("x86-server"));
        await worker.WaitUntilServingAsync();

        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string>(), null, "monitor", "--url", worker.BaseAddress.ToString(), "--duration", "5");

        Assert.AreEqual(0, exitCode, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsGreaterThanOrEqualTo(5, lines.Length, output);
        Assert.IsTrue(lines.All(l => l.Contains("  cpu [", StringComparison.Ordinal) && l.Contains(" ram ", StringComparison.Ordinal)), output);
        StringAssert.Contains(error, $"{lines.Length} updates in 5 s");
    }

    [TestMethod]
    public async Task MonitorJson_PrintsEachStatusBody()
    {
        await using WorkerProcess worker = WorkerProcess.Start(WorkerProcess.BoardEnvironment("x86-server"));
        await worker.WaitUntilServingAsync();

        (int exitCode, string output, _) = Cli.Run(new Dictionary<string, string>(), null, "monitor", "--url", worker.BaseAddress.ToString(), "--duration", "1.5", "--json");

        Assert.AreEqual(0, exitCode);
        JsonElement first = Json.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        CollectionAssert.AreEqual(new[] { "cpu", "gpu", "memory", "temperature", "power", "timestamp" }, first.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [TestMethod]
    [DataRow("0", "--duration: '0' is not a number of seconds (0-86400)")]
    [DataRow("-3", "--duration: '-3' is not a number of seconds (0-86400)")]
    public void Monitor_BadDuration_IsRejected(string duration, string message)
    {
        (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), null, "monitor", "--duration", duration);

        Assert.AreEqual(2, exitCode);
        Assert.AreEqual(message, error.TrimEnd('\n'));
    }

    [TestMethod]
    public void Monitor_NobodyListening_ExitsNonZero()
    {
        int port = WorkerProcess.FreePort();

        (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), null, "monitor", "--url", $"http://127.0.0.1:{port}", "--duration", "2");

        Assert.AreEqual(1, exitCode);
        StringAssert.StartsWith(error, $"ws://127.0.0.1:{port}/ws: ");
    }
}
