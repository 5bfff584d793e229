using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MonitorWorker.Dashboard;

namespace MonitorWorker.Tests.Dashboard;

[TestClass]
public sealed partial class DashboardAssetTests
{
    /// <summary>Everything the page loads, compressed as a browser receives it, stays under this.</summary>
    private const int PageBudgetBytes = 60 * 1024;

    [GeneratedRegex("""(?:src|href)="(/dashboard/[^"]+)"|url\(([^)]+)\)""")]
    private static partial Regex References();

    [GeneratedRegex("""https?://""")]
    private static partial Regex AbsoluteUrl();

    private static HttpRequestMessage Get(string path, string encoding = "br, gzip")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        return request;
    }

    [TestMethod]
    public async Task EverythingThePageLoads_CompressedIsUnder60KB()
    {
        const string encoding = "gzip";
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = host.Http.BaseAddress };

        HttpResponseMessage page = await http.SendAsync(Get("/", "gzip, deflate, br, zstd")); // what Chromium sends
        byte[] compressedPage = await page.Content.ReadAsByteArrayAsync();
        Assert.AreEqual(encoding, page.Content.Headers.ContentEncoding.Single());
        string html = Decompress(compressedPage, encoding);
        string[] assets = [.. References().Matches(html).Select(m => m.Groups[1].Value).Where(v => v.Length > 0)];
        CollectionAssert.AreEquivalent(new[] { "/dashboard/uPlot.min.css", "/dashboard/app.css", "/dashboard/uPlot.iife.min.js", "/dashboard/app.js" }, assets);

        // The page's files and every module their scripts import (app.js imports api.js and format.js).
        long total = compressedPage.Length;
        var queue = new Queue<string>(assets);
        var seen = new HashSet<string>(assets, StringComparer.Ordinal);
        while (queue.TryDequeue(out string? asset))
        {
            HttpResponseMessage response = await http.SendAsync(Get(asset, "gzip, deflate, br, zstd"));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, asset);
            Assert.AreEqual(encoding, response.Content.Headers.ContentEncoding.Single(), asset);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            total += body.Length;
            string text = Decompress(body, encoding);
            Assert.AreEqual(DashboardEndpoints.All[asset["/dashboard/".Length..]].Raw.Length, System.Text.Encoding.UTF8.GetByteCount(text), asset + " decompresses to itself");
            foreach (System.Text.RegularExpressions.Match import in System.Text.RegularExpressions.Regex.Matches(text, @"from '\./([\w.-]+\.js)'"))
            {
                string module = "/dashboard/" + import.Groups[1].Value;
                if (seen.Add(module))
                {
                    queue.Enqueue(module);
                }
            }
        }

        CollectionAssert.IsSubsetOf(new[] { "/dashboard/api.js", "/dashboard/format.js" }, seen.ToArray(), "the modules app.js imports are counted");

        Assert.IsLessThanOrEqualTo(PageBudgetBytes, total, $"{total} bytes compressed ({encoding})");
    }

    [TestMethod]
    public async Task ThePageAndItsFiles_NameNoOtherHost_AndThePolicyAllowsThisOneOnly()
    {
        foreach ((string name, DashboardAsset asset) in DashboardEndpoints.All)
        {
            string text = System.Text.Encoding.UTF8.GetString(asset.Raw);
            // uPlot's file names its project in a licence comment and builds the SVG namespace; neither is fetched.
            string[] urls = [.. AbsoluteUrl().Matches(text).Select(m => text.Substring(m.Index, Math.Min(60, text.Length - m.Index)))
                .Where(u => !u.StartsWith("https://github.com/leeoniya/uPlot", StringComparison.Ordinal) && !u.StartsWith("http://www.w3.org/", StringComparison.Ordinal))];
            Assert.IsEmpty(urls, $"{name} names another host: {string.Join(", ", urls)}");
        }

        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        HttpResponseMessage page = await host.Http.SendAsync(Get("/"));
        string policy = page.Headers.GetValues("Content-Security-Policy").Single();
        StringAssert.Contains(policy, "default-src 'none'");
        StringAssert.Contains(policy, "connect-src 'self'");
        StringAssert.Contains(policy, "script-src 'self'");
        Assert.DoesNotContain("http", policy, "no other origin is allowed");
    }

    [TestMethod]
    public async Task AReload_CostsA304_AndAnUnknownFileIsA404()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        HttpResponseMessage first = await host.Http.SendAsync(Get("/dashboard/app.js"));
        EntityTagHeaderValue tag = first.Headers.ETag!;
        Assert.AreEqual("no-cache", first.Headers.CacheControl!.ToString());
        Assert.AreEqual("text/javascript", first.Content.Headers.ContentType!.MediaType);

        HttpRequestMessage again = Get("/dashboard/app.js");
        again.Headers.IfNoneMatch.Add(tag);
        HttpResponseMessage second = await host.Http.SendAsync(again);
        Assert.AreEqual(HttpStatusCode.NotModified, second.StatusCode);
        Assert.IsEmpty(await second.Content.ReadAsByteArrayAsync());

        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Http.GetAsync("/dashboard/secret.txt")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Http.GetAsync("/dashboard/index.html")).StatusCode, "the page is served at / only");
        HttpResponseMessage plain = await host.Http.SendAsync(Get("/dashboard/uPlot.min.css", "br"));
        Assert.IsEmpty(plain.Content.Headers.ContentEncoding, "a client that accepts no coding gets the file as it is");
        Assert.AreEqual(DashboardEndpoints.All["uPlot.min.css"].Raw.Length, (await plain.Content.ReadAsByteArrayAsync()).Length);
    }

    [TestMethod]
    public async Task WithAnApiKey_ThePageAndItsFilesAreServed_ButNoReading()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Access.ApiKey = "a-key-of-at-least-16-chars");
        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.SendAsync(Get("/"))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.GetAsync("/dashboard/app.js")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/stats")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/api/history")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/dashboardx")).StatusCode, "only the dashboard's own folder is open");
    }

    [TestMethod]
    [DataRow("gzip", "gzip", true)]
    [DataRow("gzip;q=0, br", "gzip", false)]
    [DataRow("GZIP; q=0.5", "gzip", true)]
    [DataRow("deflate", "gzip", false)]
    [DataRow("", "br", false)]
    public void AcceptEncoding_IsReadAsTheRfcSays(string header, string coding, bool accepted)
        => Assert.AreEqual(accepted, DashboardEndpoints.Accepts(header, coding));

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream stream = encoding == "gzip" ? new GZipStream(input, CompressionMode.Decompress) : throw new ArgumentException(encoding);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
