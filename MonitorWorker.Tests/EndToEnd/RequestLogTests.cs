namespace MonitorWorker.Tests.EndToEnd;

/// <summary>With PISTAT_DEBUG every request is logged, and a key a client wrongly puts in the URL is not.</summary>
[TestClass]
public sealed class RequestLogTests
{
    [TestMethod]
    public async Task DebugLog_RedactsQueryValuesNamedLikeKeysAndTokens()
    {
        var environment = WorkerProcess.BoardEnvironment("x86-server");
        environment["PISTAT_DEBUG"] = "true";
        await using WorkerProcess worker = WorkerProcess.Start(environment);
        using HttpClient http = await worker.WaitUntilServingAsync("stats");

        using HttpResponseMessage response = await http.GetAsync("stats?api_key=hunter2-key-value&cache=true&access_token=hunter2-token&X-Auth=hunter2-auth");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!worker.Output.Contains("GET /stats?api_key=", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        string log = worker.Output;
        StringAssert.Contains(log, "GET /stats?api_key=***&cache=true&access_token=***&X-Auth=*** answered 200");
        Assert.DoesNotContain("hunter2", log);
    }
}
