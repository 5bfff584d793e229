using System.Net;
using System.Net.Http.Headers;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.AccessControl;

/// <summary>API key, CORS, and JSON errors for unknown paths and methods.</summary>
[TestClass]
public sealed class AccessTests
{
    private const string Key = "0123456789abcdef-key";

    [TestMethod]
    public async Task ApiKey_GuardsEverythingButHealth()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Access.ApiKey = Key);
        await host.WaitForFirstSnapshotAsync();

        HttpResponseMessage missing = await host.Http.GetAsync("stats");
        Assert.AreEqual(HttpStatusCode.Unauthorized, missing.StatusCode);
        StringAssert.StartsWith(Json.Parse(await missing.Content.ReadAsStringAsync()).Text("error"), "Missing or wrong API key");

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "stats") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "nope") } };
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await host.Http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "stats") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.SendAsync(right)).StatusCode);

        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.GetAsync("health")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("nothing-here")).StatusCode);
    }

    [TestMethod]
    public async Task Cors_AllowsOnlyConfiguredOrigins()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Access.CorsOrigins = ["https://grafana.example.org"]);
        await host.WaitForFirstSnapshotAsync();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "stats") { Headers = { { "Origin", "https://grafana.example.org" } } };
        using var other = new HttpRequestMessage(HttpMethod.Get, "stats") { Headers = { { "Origin", "https://evil.example.com" } } };

        HttpResponseMessage yes = await host.Http.SendAsync(allowed);
        HttpResponseMessage no = await host.Http.SendAsync(other);

        Assert.AreEqual("https://grafana.example.org", yes.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.IsFalse(no.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [TestMethod]
    public async Task WithoutOrigins_NoCorsPolicyIsRegistered_AndACrossOriginRequestGetsNoCorsHeaders()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();
        using var crossOrigin = new HttpRequestMessage(HttpMethod.Get, "stats") { Headers = { { "Origin", "https://grafana.example.org" } } };

        HttpResponseMessage answer = await host.Http.SendAsync(crossOrigin);

        Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, "the request is served; the browser keeps the body from the page");
        Assert.IsFalse(answer.Headers.Any(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)));
        Assert.IsNull(host.Services.GetService(typeof(Microsoft.AspNetCore.Cors.Infrastructure.ICorsService)), "no CORS services: nothing runs per request");
    }

    [TestMethod]
    public async Task UnknownPathAndWrongMethod_AnswerJsonErrors()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        HttpResponseMessage notFound = await host.Http.GetAsync("nope");
        HttpResponseMessage wrongMethod = await host.Http.PostAsync("stats", null);

        Assert.AreEqual(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.AreEqual("No endpoint at /nope; GET / lists them", Json.Parse(await notFound.Content.ReadAsStringAsync()).Text("error"));
        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.AreEqual("POST is not allowed here; use GET", Json.Parse(await wrongMethod.Content.ReadAsStringAsync()).Text("error"));
    }

    [TestMethod]
    public async Task Home_IsHtmlForBrowsersAndAGuideForCurl()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Accept", "text/html,application/xhtml+xml" } } };

        HttpResponseMessage html = await host.Http.SendAsync(browser);
        string guide = await host.Http.GetStringAsync("/");

        Assert.AreEqual("text/html", html.Content.Headers.ContentType!.MediaType);
        StringAssert.Contains(await html.Content.ReadAsStringAsync(), "<a href=\"/stats\">");
        StringAssert.Contains(guide, "/stats?cache=false".Split('?')[0]);
        StringAssert.Contains(guide, "/health");
        StringAssert.Contains(guide, "/api/stream");
        StringAssert.Contains(guide, "/socket.io/");
        StringAssert.Contains(guide, "/metrics");
        StringAssert.Contains(guide, "/api/history");
        StringAssert.Contains(guide, "/api/events");
        StringAssert.Contains(guide, "/api/monitoring/trends");
        System.Text.Json.JsonElement openApi = Json.Parse(await host.Http.GetStringAsync("openapi/v1.json"));
        CollectionAssert.AreEquivalent(
            new[] { "/", "/stats", "/health", "/api/health", "/api/status", "/api/cpu", "/api/memory", "/api/temperature", "/api/power", "/ws", "/api/stream", "/socket.io", "/api/history", "/api/events", "/api/processes", "/processes", "/network/interfaces", "/storage/devices", "/system/config", "/api/monitoring/resources", "/api/monitoring/trends", "/fleet", "/metrics",
                "/api/v1/context", "/api/v1/contexts", "/api/v1/sessions", "/api/v1/metrics", "/api/v1/contexts/count", "/api/v1/contexts/{prefix}",
                "/api/v1/contexts/{h}/metrics", "/api/v1/contexts/{h}/metrics/count", "/api/v1/sessions/count", "/api/v1/sessions/{prefix}",
                "/api/v1/sessions/{h}/metrics", "/api/v1/sessions/{h}/metrics/count" },
            openApi.Keys("paths"));
        string[] parameters = [.. openApi.At("paths./stats.get.parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];
        CollectionAssert.AreEquivalent(new[] { "block", "cache", "fields" }, parameters);
    }
}
