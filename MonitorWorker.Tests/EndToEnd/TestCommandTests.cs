namespace MonitorWorker.Tests.EndToEnd;

/// <summary>`pi-stat test` queries a running agent and prints its answer.</summary>
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
        Assert.AreEqual("--url: 'ftp://example' is not an http(s) URL", error.TrimEnd('\n'));
    }
}
