using System.Net;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.Http;

/// <summary>Every read endpoint answers GET and HEAD (uptime checkers use HEAD); every other method is 405 in the error shape, /metrics included.</summary>
[TestClass]
public sealed class MethodTests
{
    [TestMethod]
    public async Task Head_OnEveryReadEndpoint_Answers200WithTheHeadersOfGetAndNoBody()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();

        foreach (string path in new[] { "", "stats", "health", "api/health", "api/status", "api/cpu", "api/memory", "api/temperature", "api/power", "metrics", "openapi/v1.json" })
        {
            using HttpResponseMessage get = await host.Http.GetAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Head, path);
            using HttpResponseMessage head = await host.Http.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.OK, head.StatusCode, $"HEAD /{path}");
            Assert.AreEqual(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType, $"HEAD /{path}");
            Assert.IsEmpty(await head.Content.ReadAsByteArrayAsync(), $"HEAD /{path} has no body");
        }
    }

    [TestMethod]
    public async Task Post_OnMetricsAsOnEveryOtherEndpoint_Is405InTheErrorShape()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();

        foreach (string path in new[] { "metrics", "stats", "api/status" })
        {
            using HttpResponseMessage post = await host.Http.PostAsync(path, new StringContent("x"));

            Assert.AreEqual(HttpStatusCode.MethodNotAllowed, post.StatusCode, $"POST /{path}");
            Assert.AreEqual("POST is not allowed here; use GET", Json.Parse(await post.Content.ReadAsStringAsync()).Text("error"));
        }
    }
}
