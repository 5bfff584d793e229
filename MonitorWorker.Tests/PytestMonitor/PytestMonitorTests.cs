using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.PytestMonitor;

namespace MonitorWorker.Tests.PytestMonitor;

/// <summary>The pytest-monitor remote server under /api/v1: its client's requests, the read API, bad bodies, failures, restarts and limits.</summary>
[TestClass]
public sealed class PytestMonitorTests
{
    private const string Key = "0123456789abcdef-pytest";

    private static readonly string Script = Path.Combine(Paths.Root, "MonitorWorker.Tests", "PytestMonitor", "pytest-monitor-requests.py");

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "pi-stat-pytest-" + Guid.NewGuid().ToString("N"));

    private static Task<InProcessHost> StartAsync(string folder, Action<MonitorWorker.AgentOptions>? configure = null, TimeProvider? time = null)
        => InProcessHost.StartAsync(new HookedSource(), o =>
        {
            // The tests delete the folder while the host still runs: no history files are written beside the database.
            (o.Data.DataPath, o.History.MaxMegabytes) = (folder, 0);
            configure?.Invoke(o);
        }, time: time);

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    internal static string Context(string h)
        => $$"""{"h":"{{h}}","cpu_count":4,"cpu_frequency":1500.0,"cpu_type":"","cpu_vendor":"Cortex-A72","ram_total":3789,"machine_node":"pi","machine_type":"aarch64","machine_arch":"64bit","system_info":"Linux - 6.6","python_info":"3.11.2"}""";

    internal static string Session(string h) => "{\"session_h\":\"" + h + "\",\"run_date\":\"2026-12-02T09:00:00\",\"scm_ref\":\"abc\",\"description\":{\"CI\":\"true\"}}";

    internal static string Metric(string session, string context, string item, string start, double total = 1.5)
        => $$"""{"session_h":"{{session}}","context_h":"{{context}}","item_start_time":"{{start}}","item_path":"pkg.mod","item":"{{item}}","item_variant":"{{item}}","item_fs_loc":"pkg/mod.py","kind":"function","component":"","total_time":{{total.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"user_time":1.0,"kernel_time":0.1,"cpu_usage":0.7,"mem_usage":2.0}""";

    private static async Task<HttpStatusCode> PostAsync(InProcessHost host, string path, string json)
    {
        using HttpResponseMessage response = await host.Http.PostAsync(path, Body(json));
        return response.StatusCode;
    }

    private static async Task<long> CountAsync(InProcessHost host, string path)
        => (long)Json.Parse(await host.Http.GetStringAsync(path)).Number("count")!.Value;

    private static async Task<JsonElement> RunClientAsync(string url, string h, string session, int metrics, string start)
    {
        var start_ = ExternalTool.StartInfo("/usr/bin/python3", Script, url, h, session, metrics.ToString(System.Globalization.CultureInfo.InvariantCulture), start);
        using Process process = Process.Start(start_)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(limit.Token);
        Assert.AreEqual(0, process.ExitCode, await error);
        return Json.Parse((await output).Trim().Split('\n')[^1]);
    }

    [TestMethod]
    public async Task TheClientsRequestsInItsOrder_AreAnsweredAsItExpects_AndAKnownContextIsNotPostedAgain()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);
        await host.WaitForFirstSnapshotAsync();
        string url = host.Http.BaseAddress + "api/v1";
        // The tests start at the host's one sample (its sampler waits an hour for the next), in the local time the client
        // writes: that sample is inside every window. A start a few seconds before it was covered only by a coarse tier
        // whose slot began before it, which fails when the host starts just after a minute or quarter-hour boundary.
        string start = host.Store.Latest!.Timestamp.ToLocalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);

        JsonElement first = await RunClientAsync(url, "ctx0123456789abcdef", "session-1", 3, start);
        JsonElement second = await RunClientAsync(url, "ctx0123456789abcdef", "session-2", 2, start);

        CollectionAssert.AreEqual(new[] { 204, 201, 201, 201, 201, 201 }, first.At("statuses").EnumerateArray().Select(s => s.GetInt32()).ToArray(), "unknown context, context, session, 3 metrics");
        CollectionAssert.AreEqual(new[] { 200, 201, 201, 201 }, second.At("statuses").EnumerateArray().Select(s => s.GetInt32()).ToArray(), "known context, session, 2 metrics");
        Assert.AreEqual("ctx0123456789abcdef", first.Text("remote_h"));
        Assert.AreEqual(1, await CountAsync(host, "api/v1/contexts/count/"));
        Assert.AreEqual(2, await CountAsync(host, "api/v1/sessions/count/"));
        Assert.AreEqual(5, await CountAsync(host, "api/v1/contexts/ctx0123456789abcdef/metrics/count/"));
        Assert.AreEqual(3, await CountAsync(host, "api/v1/sessions/session-1/metrics/count/"));
        JsonElement session = Json.Parse(await host.Http.GetStringAsync("api/v1/sessions/session-1"));
        Assert.AreEqual("4914d195225cf6b1c5a160c555b6948ea1ba2bcd", session.At("sessions")[0].Text("scm_ref"));
        Assert.AreEqual("[{\"name\":\"pipeline_branch\",\"value\":\"main\"},{\"name\":\"CI\",\"value\":\"true\"}]", session.At("sessions")[0].At("tags").GetRawText());
        JsonElement metric = Json.Parse(await host.Http.GetStringAsync("api/v1/sessions/session-1/metrics/")).At("metrics")[0];
        Assert.AreEqual("test_case_0", metric.Text("item"));
        Assert.AreEqual(2.5, metric.Number("total_time"));
        Assert.AreEqual(start, metric.Text("item_start_time"));
        Assert.IsGreaterThan(0.0, metric.Number("hardware.samples")!.Value, metric.GetRawText());
        Assert.IsTrue(metric.IsNull("hardware.reason"), metric.GetRawText());
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task WithAnApiKey_WritesNeedIt_AndTheKeyAsTheUrlsPasswordIsAccepted()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder, o => o.Access.ApiKey = Key);
        Uri b = host.Http.BaseAddress!;
        string start = DateTime.Now.ToString("s", System.Globalization.CultureInfo.InvariantCulture);

        JsonElement without = await RunClientAsync($"http://{b.Authority}/api/v1", "ctxkey", "s-key", 1, start);
        JsonElement with = await RunClientAsync($"http://pytest:{Key}@{b.Authority}/api/v1", "ctxkey", "s-key", 1, start);
        JsonElement wrong = await RunClientAsync($"http://pytest:not-the-right-key-at-all@{b.Authority}/api/v1", "ctxkey", "s-key2", 1, start);

        Assert.AreEqual(401, without.At("statuses")[0].GetInt32());
        CollectionAssert.AreEqual(new[] { 204, 201, 201, 201 }, with.At("statuses").EnumerateArray().Select(s => s.GetInt32()).ToArray());
        Assert.AreEqual(401, wrong.At("statuses")[0].GetInt32());
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task ReadApi_PagesAcrossMoreThanOnePage_AndFindsContextsByHashPrefix()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);
        foreach (string h in (string[])["aa11", "aa22", "ab33", "a_44"])
        {
            Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/contexts/", Context(h)));
        }

        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/sessions/", Session("s1")));
        for (int i = 0; i < 12; i++)
        {
            Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/metrics/", Metric("s1", "aa11", $"test_{i}", "2026-12-02T09:00:00")));
        }

        JsonElement aa = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/aa"));
        JsonElement underscore = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/a_"));
        using HttpResponseMessage none = await host.Http.GetAsync("api/v1/contexts/zz");
        JsonElement page1 = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/aa11/metrics/?per_page=5"));
        JsonElement page3 = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/aa11/metrics/?page=3&per_page=5"));
        using HttpResponseMessage page4 = await host.Http.GetAsync("api/v1/contexts/aa11/metrics/?page=4&per_page=5");
        using HttpResponseMessage badPage = await host.Http.GetAsync("api/v1/contexts/?page=0");
        using HttpResponseMessage badPerPage = await host.Http.GetAsync("api/v1/contexts/?per_page=501");
        JsonElement all = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/"));

        CollectionAssert.AreEqual(new[] { "aa11", "aa22" }, aa.At("contexts").EnumerateArray().Select(c => c.Text("h")).ToArray());
        CollectionAssert.AreEqual(new[] { "a_44" }, underscore.At("contexts").EnumerateArray().Select(c => c.Text("h")).ToArray(), "_ is a character, not a wildcard");
        Assert.AreEqual(HttpStatusCode.NoContent, none.StatusCode);
        Assert.AreEqual(3.0, page1.Number("total_page"));
        CollectionAssert.AreEqual(new[] { "test_0", "test_1", "test_2", "test_3", "test_4" }, page1.At("metrics").EnumerateArray().Select(m => m.Text("item")).ToArray());
        Assert.IsTrue(page1.IsNull("prev_url"));
        Assert.AreEqual("/api/v1/contexts/aa11/metrics/?page=2&per_page=5", page1.Text("next_url"));
        CollectionAssert.AreEqual(new[] { "test_10", "test_11" }, page3.At("metrics").EnumerateArray().Select(m => m.Text("item")).ToArray());
        Assert.AreEqual("/api/v1/contexts/aa11/metrics/?page=2&per_page=5", page3.Text("prev_url"));
        Assert.IsTrue(page3.IsNull("next_url"));
        Assert.AreEqual(HttpStatusCode.NoContent, page4.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, badPerPage.StatusCode);
        Assert.AreEqual(4, all.At("contexts").GetArrayLength());
        Assert.AreEqual(1.0, all.Number("total_page"));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    [DataRow("api/v1/contexts/", "not json", "The body is not JSON")]
    [DataRow("api/v1/contexts/", "[1,2]", "The body must be a JSON object, not array")]
    [DataRow("api/v1/contexts/", """{"h":"x","cpu_count":"four","cpu_frequency":1,"cpu_type":"","ram_total":1,"machine_node":"n","machine_type":"t","machine_arch":"a","system_info":"s","python_info":"p"}""", "cpu_count must be a number, not string")]
    [DataRow("api/v1/contexts/", """{"h":"x","cpu_count":4.5,"cpu_frequency":1,"cpu_type":"","ram_total":1,"machine_node":"n","machine_type":"t","machine_arch":"a","system_info":"s","python_info":"p"}""", "cpu_count must be a whole number")]
    [DataRow("api/v1/contexts/", """{"cpu_count":4}""", "h is missing")]
    [DataRow("api/v1/sessions/", """{"session_h":"s","run_date":"yesterday","scm_ref":"","description":{}}""", "run_date 'yesterday' is not an ISO-8601 time")]
    [DataRow("api/v1/sessions/", """{"session_h":"s","run_date":"2026-12-02T09:00:00","scm_ref":"","description":"a string"}""", "description must be an object of tags")]
    [DataRow("api/v1/sessions/", """{"session_h":"s","run_date":"2026-12-02T09:00:00","scm_ref":"","description":{"deep":{"x":1}}}""", "description.deep must be a string, number or boolean")]
    [DataRow("api/v1/metrics/", """{"session_h":"s","context_h":"c","item_start_time":"2026-12-02T09:00:00","item_path":"p","item":"i","item_variant":"v","item_fs_loc":"f","kind":"function","component":"","total_time":-1,"user_time":0,"kernel_time":0,"cpu_usage":0,"mem_usage":0}""", "total_time -1 is outside 0 to")]
    public async Task BadBody_Is400WithTheReason_AndStoresNothing(string path, string body, string reason)
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);

        using HttpResponseMessage response = await host.Http.PostAsync(path, Body(body));
        string error = Json.Parse(await response.Content.ReadAsStringAsync()).Text("error")!;

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, error);
        Assert.Contains(reason, error);
        Assert.AreEqual(0, await CountAsync(host, "api/v1/contexts/count/") + await CountAsync(host, "api/v1/sessions/count/"));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// The remote server API document's example of creating a context (monitor-server-api, "Create a context"), its
    /// <c>--data</c> argument as written there, short names and the <c>max_arch</c> typo included.
    /// </summary>
    private const string DocumentExampleData = """
        '{"h": "0041724ff4e0adac62b70b4f810c79fc5ad8ba5b", \
                       "cpu_count": 8, "cpu_freq": 2500, "cpu_type": "i386",
                       "ram_total": 16384, "mac_node": "host.name.org", "mac_type": "x86_64", \
                       "max_arch": "64bit", "sys_info": "Linux - 3.10.0-693.el7.x86_64", \
                       "py_info": "3.6.10 packaged by conda-forge"}'
        """;

    [TestMethod]
    public async Task TheApiDocumentsOwnExample_WithItsShortNames_IsStored_AndAnsweredWithTheClientsNames()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);

        // What a shell hands curl for that argument: inside single quotes a backslash and the line break after it stay,
        // so the example, pasted as it stands, sends a body that is not JSON. Any server refuses it; this one says why.
        (int shell, string verbatim) = ExternalTool.Run("bash", null, "-c", "printf '%s' " + DocumentExampleData);
        Assert.AreEqual(0, shell);
        using HttpResponseMessage pasted = await host.Http.PostAsync("api/v1/contexts/", Body(verbatim));
        Assert.AreEqual(HttpStatusCode.BadRequest, pasted.StatusCode);
        StringAssert.StartsWith(Json.Parse(await pasted.Content.ReadAsStringAsync()).Text("error"), "The body is not JSON: '\\' is an invalid start of a property name");

        // The body the example means (its line continuations joined), short names and all.
        string meant = verbatim.Replace("\\\n", " ", StringComparison.Ordinal);
        using HttpResponseMessage created = await host.Http.PostAsync("api/v1/contexts/", Body(meant));
        JsonElement stored = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/0041724ff4e0adac62b70b4f810c79fc5ad8ba5b"));

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        JsonElement context = stored.At("contexts")[0];
        Assert.AreEqual(2500.0, context.Number("cpu_frequency"));
        Assert.AreEqual("host.name.org", context.Text("machine_node"));
        Assert.AreEqual("x86_64", context.Text("machine_type"));
        Assert.AreEqual("64bit", context.Text("machine_arch"));
        Assert.AreEqual("Linux - 3.10.0-693.el7.x86_64", context.Text("system_info"));
        Assert.AreEqual("3.6.10 packaged by conda-forge", context.Text("python_info"));
        Assert.AreEqual("", context.Text("cpu_vendor"), "optional in the document");
        Assert.IsFalse(context.TryGetProperty("mac_node", out _), "answers use the client's names");
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task TheDocumentsTableSpelling_MacArch_IsAcceptedToo_AndAMissingFieldNamesBothSpellings()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);

        string table = """{"h":"t1","cpu_count":4,"cpu_freq":1500,"cpu_type":"","ram_total":1,"mac_node":"n","mac_type":"t","mac_arch":"32bit","sys_info":"s","py_info":"p"}""";
        using HttpResponseMessage created = await host.Http.PostAsync("api/v1/contexts/", Body(table));
        using HttpResponseMessage missing = await host.Http.PostAsync("api/v1/contexts/", Body("""{"h":"t2","cpu_count":4,"cpu_type":"","ram_total":1}"""));
        string error = Json.Parse(await missing.Content.ReadAsStringAsync()).Text("error")!;

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        Assert.AreEqual("32bit", Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/t1")).At("contexts")[0].Text("machine_arch"));
        Assert.AreEqual(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("cpu_frequency (or cpu_freq) is missing", error);
        Assert.Contains("machine_arch (or mac_arch or max_arch) is missing", error);
        Assert.Contains("python_info (or py_info) is missing", error);
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task OversizedBody_Is413_AndAMetricOfAnUnknownContextOrSession_Is404()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/contexts/", Context("known")));
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/sessions/", Session("s1")));

        using HttpResponseMessage big = await host.Http.PostAsync("api/v1/contexts/", Body("{\"h\":\"" + new string('x', 70_000) + "\"}"));
        using HttpResponseMessage noContext = await host.Http.PostAsync("api/v1/metrics/", Body(Metric("s1", "unknown", "t", "2026-12-02T09:00:00")));
        using HttpResponseMessage noSession = await host.Http.PostAsync("api/v1/metrics/", Body(Metric("s-unknown", "known", "t", "2026-12-02T09:00:00")));

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, noContext.StatusCode);
        Assert.AreEqual("Unknown context_h 'unknown': POST /api/v1/contexts/ first", Json.Parse(await noContext.Content.ReadAsStringAsync()).Text("error"));
        Assert.AreEqual(HttpStatusCode.NotFound, noSession.StatusCode);
        Assert.AreEqual(0, await CountAsync(host, "api/v1/contexts/known/metrics/count/"));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task DatabaseMadeUnwritableMidRun_FailsThisFeatureAloneWithTheReason_AndRecovers()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder);
        await host.WaitForFirstSnapshotAsync();
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/contexts/", Context("before")));
        string moved = folder + ".moved";

        // The data folder replaced by a file: neither the database nor the folder can be opened, also for root.
        Directory.Move(folder, moved);
        await File.WriteAllTextAsync(folder, "not a folder");
        using HttpResponseMessage refused = await host.Http.PostAsync("api/v1/sessions/", Body(Session("during")));
        string error = Json.Parse(await refused.Content.ReadAsStringAsync()).Text("error")!;
        JsonElement health = Json.Parse(await host.Http.GetStringAsync("health"));
        using HttpResponseMessage stats = await host.Http.GetAsync("stats");
        using HttpResponseMessage read = await host.Http.GetAsync("api/v1/contexts/count/");
        File.Delete(folder);
        Directory.Move(moved, folder);
        HttpStatusCode after = await PostAsync(host, "api/v1/sessions/", Session("after"));
        JsonElement healthAfter = Json.Parse(await host.Http.GetStringAsync("health"));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.StartsWith("The pytest-monitor store is unavailable; nothing was stored: ", error);
        Assert.Contains(folder, error);
        Assert.AreEqual("degraded", health.Text("checks.pytest-monitor.status"));
        Assert.Contains("pytest-monitor server unavailable", health.Text("checks.pytest-monitor.description")!);
        Assert.AreEqual(HttpStatusCode.OK, stats.StatusCode, "the rest of the agent is unaffected");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.AreEqual(HttpStatusCode.Created, after);
        Assert.AreEqual("healthy", healthAfter.Text("checks.pytest-monitor.status"));
        Assert.AreEqual(1, await CountAsync(host, "api/v1/sessions/count/"), "only the session posted after recovery");
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task CorruptDatabase_IsReportedWithTheReason_NotACrash()
    {
        string folder = NewFolder();
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, PytestStore.FileName), Enumerable.Repeat((byte)0x5a, 8192).ToArray());
        await using InProcessHost host = await StartAsync(folder);
        await host.WaitForFirstSnapshotAsync();

        using HttpResponseMessage refused = await host.Http.PostAsync("api/v1/contexts/", Body(Context("x")));
        string error = Json.Parse(await refused.Content.ReadAsStringAsync()).Text("error")!;
        using HttpResponseMessage stats = await host.Http.GetAsync("stats");

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("file is not a database", error);
        Assert.AreEqual(HttpStatusCode.OK, stats.StatusCode);
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task Restart_KeepsTheData()
    {
        string folder = NewFolder();
        await using (InProcessHost first = await StartAsync(folder))
        {
            Assert.AreEqual(HttpStatusCode.Created, await PostAsync(first, "api/v1/contexts/", Context("kept")));
            Assert.AreEqual(HttpStatusCode.Created, await PostAsync(first, "api/v1/sessions/", Session("s")));
            Assert.AreEqual(HttpStatusCode.Created, await PostAsync(first, "api/v1/metrics/", Metric("s", "kept", "test_kept", "2026-12-02T09:00:00")));
        }

        await using InProcessHost second = await StartAsync(folder);
        JsonElement metrics = Json.Parse(await second.Http.GetStringAsync("api/v1/contexts/kept/metrics/"));

        Assert.AreEqual("test_kept", metrics.At("metrics")[0].Text("item"));
        Assert.AreEqual(1, await CountAsync(second, "api/v1/sessions/count/"));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task SizeLimit_DropsTheOldestMetricsFirst_AndKeepsTheDataUnderIt()
    {
        string folder = NewFolder();
        await using InProcessHost host = await StartAsync(folder, o => o.PytestMonitor.DataMaxMb = 1);
        PytestStore store = host.Service<PytestStore>();
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/contexts/", Context("c")));
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/sessions/", Session("s")));
        var hardware = new HardwareDuringTest(0, null, null, null, null, null, null, "none");
        string padding = new('p', 400);

        // 4000 metrics of about 600 bytes, 200 to a transaction: well over 1 MB.
        for (int batch = 0; batch < 20; batch++)
        {
            await store.AddMetricsAsync([.. Enumerable.Range(0, 200).Select(i => new StoredMetric("s", "c", "2026-12-02T09:00:00", padding, $"test_{(batch * 200) + i}", "", "", "function", "", 1, 1, 0, 1, 1, hardware))], CancellationToken.None);
        }

        await store.Pruning; // the limits are kept after the answer, off the request path

        long count = await CountAsync(host, "api/v1/contexts/c/metrics/count/");
        long used = store.UsedBytes();
        int pages = (int)Math.Ceiling(count / 500.0);
        JsonElement first = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/c/metrics/?per_page=1"));
        JsonElement last = Json.Parse(await host.Http.GetStringAsync($"api/v1/contexts/c/metrics/?per_page=1&page={count}"));

        Assert.IsLessThan(4000, count, "some were dropped");
        Assert.IsGreaterThan(500, count, "not everything was dropped");
        Assert.IsLessThanOrEqualTo(1024 * 1024, used);
        Assert.AreEqual("test_3999", last.At("metrics")[0].Text("item"), "the newest is kept");
        Assert.AreEqual($"test_{4000 - count}", first.At("metrics")[0].Text("item"), "the oldest went first");
        Assert.IsGreaterThan(0, pages);
        Assert.AreEqual(1, await CountAsync(host, "api/v1/contexts/count/"), "contexts in use stay");
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task Retention_DropsMetricsOlderThanItsDays_AtTheNextWrite()
    {
        string folder = NewFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(folder, o => o.PytestMonitor.DataRetentionDays = 30, time);
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/contexts/", Context("c")));
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/sessions/", Session("old")));
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/metrics/", Metric("old", "c", "old_test", "2026-12-02T09:00:00")));

        time.Advance(TimeSpan.FromDays(29));
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/sessions/", Session("day29")));
        long at29 = await CountAsync(host, "api/v1/contexts/c/metrics/count/");
        time.Advance(TimeSpan.FromDays(2));
        Assert.AreEqual(HttpStatusCode.Created, await PostAsync(host, "api/v1/metrics/", Metric("day29", "c", "new_test", "2026-12-02T09:00:00")));
        await host.Service<PytestStore>().Pruning;
        JsonElement metrics = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/c/metrics/"));

        Assert.AreEqual(1, at29, "29 days old is kept");
        CollectionAssert.AreEqual(new[] { "new_test" }, metrics.At("metrics").EnumerateArray().Select(m => m.Text("item")).ToArray());
        Assert.AreEqual(1, await CountAsync(host, "api/v1/sessions/count/"), "the old session without metrics went too");
        Directory.Delete(folder, recursive: true);
    }
}
