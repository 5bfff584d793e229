using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MonitorWorker.Tests.Health;

/// <summary>
/// <c>/health</c> is the one endpoint open without the API key: to a caller without the key it says how the agent is
/// and names what fails, and holds no path, no setting, no version or count; holders of the key get the rest.
/// </summary>
[TestClass]
public sealed class OpenHealthTests
{
    private const string Key = "0123456789abcdef-health";

    [TestMethod]
    public async Task WithAKeySet_TheOpenBodyHasStatusHostnameTimestampAndChecks_AndNoPathEvenWhenEverythingFails()
    {
        // A board whose files are broken and a database that cannot be opened (its file is a folder): every check has a
        // reason, and each reason's details name files.
        string data = Directory.CreateTempSubdirectory("pistat-health-").FullName;
        Directory.CreateDirectory(Path.Combine(data, "pytest-monitor.db"));
        try
        {
            Dictionary<string, string> environment = WorkerProcess.BoardEnvironment("broken");
            environment["PISTAT_API_KEY"] = Key;
            environment["PISTAT_DATA_PATH"] = data;
            await using WorkerProcess worker = WorkerProcess.Start(environment);
            using HttpClient http = await worker.WaitUntilServingAsync("health");
            using var withKey = new HttpRequestMessage(HttpMethod.Get, "api/v1/contexts/count/") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
            using HttpResponseMessage unusable = await http.SendAsync(withKey);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, unusable.StatusCode, "the database cannot be used");

            string open = await http.GetStringAsync("health");
            JsonElement body = Json.Parse(open);

            CollectionAssert.AreEqual(new[] { "status", "hostname", "timestamp", "checks" }, body.EnumerateObject().Select(p => p.Name).ToArray(), open);
            Assert.AreEqual("degraded", body.Text("status"));
            Assert.AreEqual(Environment.MachineName, body.Text("hostname"));
            CollectionAssert.IsSubsetOf(new[] { "sampler", "sources", "conditions", "pytest-monitor" }, body.At("checks").EnumerateObject().Select(p => p.Name).ToArray());
            foreach (JsonProperty check in body.At("checks").EnumerateObject())
            {
                CollectionAssert.AreEqual(new[] { "status", "description" }, check.Value.EnumerateObject().Select(p => p.Name).ToArray());
            }

            StringAssert.Contains(body.Text("checks.sources.description"), "cpu_times");
            StringAssert.StartsWith(body.Text("checks.pytest-monitor.description"), "pytest-monitor server unavailable: its database cannot be used (");
            foreach (string secret in new[] { data, Paths.Root, Paths.Fixtures, "pytest-monitor.db", Key, "/proc", "/sys", "/usr", "PISTAT_" })
            {
                Assert.DoesNotContain(secret, open, $"the open /health names no path or setting ({secret})");
            }

            using var detailed = new HttpRequestMessage(HttpMethod.Get, "health") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
            using HttpResponseMessage full = await http.SendAsync(detailed);
            JsonElement details = Json.Parse(await full.Content.ReadAsStringAsync());
            CollectionAssert.AreEqual(
                new[] { "status", "hostname", "timestamp", "checks", "service", "version", "agent_uptime_seconds", "connected_clients" },
                details.EnumerateObject().Select(p => p.Name).ToArray(),
                "the broken board's uptime is unreadable, so system_uptime_seconds is absent");
            Assert.AreEqual("pi-stat", details.Text("service"));
            Assert.IsTrue(details.Number("agent_uptime_seconds") is >= 0 and < 600);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [TestMethod]
    public async Task WithoutAKey_EveryoneGetsTheFullBody_WithTheMachinesAndTheAgentsUptime()
    {
        await using WorkerProcess worker = WorkerProcess.Start(WorkerProcess.BoardEnvironment("raspberry-pi-4"));
        using HttpClient http = await worker.WaitUntilServingAsync("health", b => Json.Parse(b).TryGetProperty("system_uptime_seconds", out _));

        JsonElement body = Json.Parse(await http.GetStringAsync("health"));

        CollectionAssert.AreEqual(
            new[] { "status", "hostname", "timestamp", "checks", "service", "version", "system_uptime_seconds", "agent_uptime_seconds", "connected_clients" },
            body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(Json.Parse(await http.GetStringAsync("stats")).Number("uptime"), body.Number("system_uptime_seconds"), "the fixture's /proc/uptime, as /stats uptime has it");
        Assert.IsLessThan(body.Number("system_uptime_seconds")!.Value, body.Number("agent_uptime_seconds")!.Value, "the agent started long after the board did");
        Assert.AreEqual(0.0, body.Number("connected_clients"));
    }
}
