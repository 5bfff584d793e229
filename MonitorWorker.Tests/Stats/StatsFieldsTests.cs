using System.Net;
using System.Text.Json;
using MonitorWorker.Stats;

namespace MonitorWorker.Tests.Stats;

/// <summary><c>/stats?fields=</c>: only the named top-level keys; unknown, empty or repeated names are a 400 with the allowed list.</summary>
[TestClass]
public sealed class StatsFieldsTests
{
    [TestMethod]
    public async Task Fields_AnswersOnlyThoseKeys_InTheBodysOrder_WithTheFullBodysValues()
    {
        await using InProcessHost host = await InProcessHost.StartAsync(new HookedSource());
        await host.WaitForFirstSnapshotAsync();

        JsonElement full = Json.Parse(await host.Http.GetStringAsync("stats"));
        JsonElement some = Json.Parse(await host.Http.GetStringAsync("stats?fields=memory,%20cpu_temp,hostname,memory"));
        JsonElement fresh = Json.Parse(await host.Http.GetStringAsync("stats?fields=cpu_usage&cache=false"));

        CollectionAssert.AreEqual(StatsFields.Allowed.ToArray(), full.EnumerateObject().Select(p => p.Name).ToArray(), "the allowed names are the body's keys");
        string[] expected = [.. full.EnumerateObject().Select(p => p.Name).Where(n => n is "memory" or "cpu_temp" or "hostname")];
        CollectionAssert.AreEqual(expected, some.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(full.GetProperty("memory").GetProperty("total").GetRawText(), some.GetProperty("memory").GetProperty("total").GetRawText());
        Assert.AreEqual(full.GetProperty("hostname").GetString(), some.GetProperty("hostname").GetString());
        CollectionAssert.AreEqual(new[] { "cpu_usage" }, fresh.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [TestMethod]
    [DataRow("stats?fields=cpu_temp,cpu_tmep", "fields: unknown 'cpu_tmep'; allowed: ")]
    [DataRow("stats?fields=", "fields: no key named; allowed: ")]
    [DataRow("stats?fields=,%20,", "fields: no key named; allowed: ")]
    [DataRow("stats?fields=memory&fields=cpu_temp", "fields: give it once")]
    public async Task BadFields_Is400WithTheReason(string path, string reason)
    {
        await using InProcessHost host = await InProcessHost.StartAsync(new HookedSource());
        await host.WaitForFirstSnapshotAsync();

        using HttpResponseMessage response = await host.Http.GetAsync(path);
        string error = Json.Parse(await response.Content.ReadAsStringAsync()).Text("error")!;

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(reason, error);
        if (reason.EndsWith("allowed: ", StringComparison.Ordinal))
        {
            Assert.EndsWith(string.Join(", ", StatsFields.Allowed), error);
        }
    }
}
