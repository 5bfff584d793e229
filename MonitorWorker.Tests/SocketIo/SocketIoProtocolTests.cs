using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Push;
using MonitorWorker.SocketIo;

namespace MonitorWorker.Tests.SocketIo;

/// <summary>
/// The Engine.IO 4 and Socket.IO 5 details clients rely on, request by request, against the service in this process.
/// Timing tests hold the service's clock (a <see cref="FakeTimeProvider"/>), so a ping or a timeout happens exactly
/// when the test advances it.
/// </summary>
[TestClass]
public sealed class SocketIoProtocolTests
{
    private const string Key = "0123456789abcdef-socket";

    /// <summary>Starts the service sampling hourly; on real time it returns once the first sample reached the push hub (a socket gets that one).</summary>
    private static async Task<InProcessHost> StartAsync(Action<MonitorWorker.AgentOptions>? configure = null, TimeProvider? time = null)
    {
        InProcessHost host = await InProcessHost.StartAsync(new HookedSource(), o =>
        {
            (o.SocketIo.PingIntervalMs, o.SocketIo.PingTimeoutMs, o.SocketIo.ConnectTimeoutMs) = (300, 200, 1000);
            if (time is null)
            {
                // Real time: timings long enough that nothing times out while a test runs.
                (o.SocketIo.PingIntervalMs, o.SocketIo.PingTimeoutMs, o.SocketIo.ConnectTimeoutMs) = (600_000, 600_000, 600_000);
            }

            configure?.Invoke(o);
        }, time: time);
        if (time is null)
        {
            await EngineIoClient.WaitUntilAsync(() => host.Service<PushHub>().HasSample, "the first sample");
        }

        return host;
    }

    [TestMethod]
    public async Task Handshake_OpenPacketCarriesSidUpgradesAndTheFourSettings()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time: time);

        using HttpResponseMessage response = await host.Http.GetAsync(EngineIoClient.Query());
        string body = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/plain; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("0{", body);
        JsonElement open = Json.Parse(body[1..]);
        Assert.AreEqual(20, open.Text("sid")!.Length);
        Assert.AreEqual("[\"websocket\"]", open.At("upgrades").GetRawText());
        Assert.AreEqual(300.0, open.Number("pingInterval"));
        Assert.AreEqual(200.0, open.Number("pingTimeout"));
        Assert.AreEqual(1_000_000.0, open.Number("maxPayload"));
        Assert.IsNotNull(host.Service<SocketIoServer>().Find(open.Text("sid")!));
    }

    [TestMethod]
    public async Task PollingConnect_PostIsAnsweredOk_AndOneGetBatchesTheConnectAnswerWithTheNewestSample()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        (HttpStatusCode status, string answer) = await client.PostAsync(sid, "40");
        string[] packets = await client.PollAsync(sid);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("ok", answer);
        Assert.HasCount(2, packets, string.Join(" | ", packets));
        Assert.StartsWith("40{", packets[0]);
        Assert.AreEqual(20, Json.Parse(packets[0][2..]).Text("sid")!.Length);
        Assert.StartsWith("42[", packets[1]);
        JsonElement evt = Json.Parse(packets[1][2..]);
        Assert.AreEqual("tegrastats_update", evt[0].GetString());
        Assert.IsGreaterThan(0, evt[1].At("cpu.cores").GetArrayLength());
        Assert.AreEqual(JsonValueKind.Object, evt[1].At("memory").ValueKind);
        Assert.AreEqual(1, host.Service<PushHub>().Count, "a connected socket is a live client");
    }

    [TestMethod]
    public async Task SecondPollingGetOnOneSession_IsABadRequest_AndClosesTheSession()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;
        Task<string[]> first = client.PollAsync(sid);
        await EngineIoClient.WaitUntilAsync(() => session.Polling, "the first GET to wait");

        (HttpStatusCode status, string body) = await client.GetAsync(EngineIoClient.Query(sid));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.AreEqual(3.0, Json.Parse(body).Number("code"));
        CollectionAssert.AreEqual(new[] { "1" }, await first, "the waiting GET is answered with a close packet");
        (HttpStatusCode after, string afterBody) = await client.PostAsync(sid, "3");
        Assert.AreEqual(HttpStatusCode.BadRequest, after);
        Assert.AreEqual(1.0, Json.Parse(afterBody).Number("code"), afterBody);
    }

    [TestMethod]
    public async Task ClientCloseOverPolling_AnswersThePendingGetWithANoop_AndForgetsTheSession()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        await client.PostAsync(sid, "40");
        await client.PollForAsync(sid, "40");
        SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;
        Task<string[]> pending = client.PollAsync(sid);
        await EngineIoClient.WaitUntilAsync(() => session.Polling, "the GET to wait");

        (HttpStatusCode status, string answer) = await client.PostAsync(sid, "1");

        Assert.AreEqual((HttpStatusCode.OK, "ok"), (status, answer));
        CollectionAssert.AreEqual(new[] { "6" }, await pending);
        Assert.IsNull(host.Service<SocketIoServer>().Find(sid));
        Assert.AreEqual(0, host.Service<PushHub>().Count, "the socket left the live clients");
        (HttpStatusCode after, _) = await client.GetAsync(EngineIoClient.Query(sid));
        Assert.AreEqual(HttpStatusCode.BadRequest, after);
    }

    [TestMethod]
    public async Task Upgrade_ProbeIsAnswered_PendingGetGetsANoop_ThenPollingIsRefusedAndSamplesComeOverTheWebSocket()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        await client.PostAsync(sid, "40");
        string[] connected = await client.PollAsync(sid);
        Assert.StartsWith("40{", connected[0]);
        SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;
        Task<string[]> pending = client.PollAsync(sid);
        await EngineIoClient.WaitUntilAsync(() => session.Polling, "the GET to wait");

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(client.WebSocketUri(sid), CancellationToken.None);
        await EngineIoClient.SendAsync(socket, "2probe");
        Assert.AreEqual("3probe", await EngineIoClient.ReceiveAsync(socket));
        CollectionAssert.AreEqual(new[] { "6" }, await pending, "the poll is released for the upgrade");
        await EngineIoClient.SendAsync(socket, "5");
        await EngineIoClient.WaitUntilAsync(() => session.Transport == SocketIoTransport.WebSocket, "the upgrade");

        (HttpStatusCode get, string getBody) = await client.GetAsync(EngineIoClient.Query(sid));
        (HttpStatusCode post, _) = await client.PostAsync(sid, "3");
        host.Service<PushHub>().Publish(host.Store.Latest!);
        string? message = await EngineIoClient.ReceiveAsync(socket);
        while (message == "6")
        {
            message = await EngineIoClient.ReceiveAsync(socket);
        }

        Assert.AreEqual(HttpStatusCode.BadRequest, get);
        Assert.AreEqual(3.0, Json.Parse(getBody).Number("code"));
        Assert.AreEqual(HttpStatusCode.BadRequest, post);
        Assert.IsNotNull(message);
        Assert.StartsWith("42[\"tegrastats_update\",{", message);
    }

    [TestMethod]
    [DataRow("socket.io/?EIO=3&transport=polling", "GET", 5)]
    [DataRow("socket.io/?transport=polling", "GET", 5)]
    [DataRow("socket.io/?EIO=4&transport=flashsocket", "GET", 0)]
    [DataRow("socket.io/?EIO=4", "GET", 0)]
    [DataRow("socket.io/?EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA", "GET", 1)]
    [DataRow("socket.io/?EIO=4&transport=polling", "POST", 2)]
    [DataRow("socket.io/?EIO=4&transport=polling", "PUT", 2)]
    [DataRow("socket.io/?EIO=4&transport=websocket", "GET", 3)]
    public async Task BadVersionTransportSidOrMethod_Is400WithEngineIoErrorCode(string path, string method, int code)
    {
        await using InProcessHost host = await StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using HttpResponseMessage response = await host.Http.SendAsync(request);
        JsonElement body = Json.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual((double)code, body.Number("code"));
        Assert.IsFalse(string.IsNullOrEmpty(body.Text("message")));
    }

    [TestMethod]
    public async Task PutOnAnOpenSession_IsABadRequest()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        using var request = new HttpRequestMessage(HttpMethod.Put, EngineIoClient.Query(sid));
        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(3.0, Json.Parse(await response.Content.ReadAsStringAsync()).Number("code"));
    }

    [TestMethod]
    public async Task AnotherNamespace_GetsAConnectError_AndTheMainOneStillConnects()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        await client.PostAsync(sid, "40/admin,");
        string refused = await client.PollForAsync(sid, "44");
        await client.PostAsync(sid, "40");
        string connected = await client.PollForAsync(sid, "40");

        Assert.StartsWith("44/admin,{", refused);
        Assert.AreEqual("44/admin,{\"message\":\"Invalid namespace\"}", refused, "the protocol's own wording");
        Assert.StartsWith("40{\"sid\":", connected);
    }

    [TestMethod]
    public async Task SocketsCountWithWebSocketClients_TheOneOverTheLimitGetsAConnectErrorWithTheReason()
    {
        await using InProcessHost host = await StartAsync(o => o.Push.MaxConnections = 2);
        var client = new EngineIoClient(host);
        using var webSocket = new ClientWebSocket();
        await webSocket.ConnectAsync(new Uri(host.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws"), CancellationToken.None);
        await EngineIoClient.WaitUntilAsync(() => host.Service<PushHub>().Count == 1, "the /ws client");
        (string first, _) = await client.HandshakeAsync();
        (string second, _) = await client.HandshakeAsync();

        await client.PostAsync(first, "40");
        string admitted = await client.PollForAsync(first, "40");
        await client.PostAsync(second, "40");
        string refused = await client.PollForAsync(second, "44");
        JsonElement health = Json.Parse(await host.Http.GetStringAsync("api/health"));
        await client.PostAsync(first, "41");
        await EngineIoClient.WaitUntilAsync(() => host.Service<PushHub>().Count == 1, "the first socket to leave");
        await client.PostAsync(second, "40");
        string later = await client.PollForAsync(second, "40");

        Assert.StartsWith("40{", admitted);
        Assert.AreEqual("Too many live clients: 2 are connected (PISTAT_MAX_CONNECTIONS); try again later", Json.Parse(refused[2..]).Text("message"));
        Assert.AreEqual(2.0, health.Number("connected_clients"));
        Assert.StartsWith("40{", later, "a freed place is taken");
    }

    [TestMethod]
    public async Task WithAnApiKey_TheSocketConnectsWithTheAuthTokenOrTheHeader_AndNotWithoutIt()
    {
        await using InProcessHost host = await StartAsync(o => o.Access.ApiKey = Key);
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        await client.PostAsync(sid, "40");
        string noKey = await client.PollForAsync(sid, "44");
        await client.PostAsync(sid, "40{\"token\":\"not-the-key-at-all\"}");
        string wrongKey = await client.PollForAsync(sid, "44");
        await client.PostAsync(sid, $"40{{\"token\":\"{Key}\"}}");
        string withToken = await client.PollForAsync(sid, "40");

        host.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        (string other, _) = await client.HandshakeAsync();
        await client.PostAsync(other, "40");
        string withHeader = await client.PollForAsync(other, "40");
        host.Http.DefaultRequestHeaders.Authorization = null;
        using HttpResponseMessage status = await host.Http.GetAsync("api/status");

        Assert.AreEqual("Missing or wrong API key: send it as the auth token ({\"token\": \"<PISTAT_API_KEY>\"}) or as Authorization: Bearer <PISTAT_API_KEY>", Json.Parse(noKey[2..]).Text("message"));
        Assert.StartsWith("44{", wrongKey);
        Assert.StartsWith("40{\"sid\":", withToken);
        Assert.StartsWith("40{\"sid\":", withHeader);
        Assert.AreEqual(HttpStatusCode.Unauthorized, status.StatusCode, "the other endpoints still need the key");
    }

    [TestMethod]
    public async Task PollingAnswers_CarryCorsForTheConfiguredOriginOnly()
    {
        await using InProcessHost host = await StartAsync(o => o.Access.CorsOrigins = ["http://dash.example"]);
        var client = new EngineIoClient(host);

        using var allowed = new HttpRequestMessage(HttpMethod.Get, EngineIoClient.Query());
        allowed.Headers.Add("Origin", "http://dash.example");
        using HttpResponseMessage handshake = await host.Http.SendAsync(allowed);
        string sid = Json.Parse((await handshake.Content.ReadAsStringAsync())[1..]).Text("sid")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, EngineIoClient.Query(sid)) { Content = new StringContent("40") };
        post.Headers.Add("Origin", "http://dash.example");
        using HttpResponseMessage posted = await host.Http.SendAsync(post);
        using var other = new HttpRequestMessage(HttpMethod.Get, EngineIoClient.Query());
        other.Headers.Add("Origin", "http://elsewhere.example");
        using HttpResponseMessage refused = await host.Http.SendAsync(other);

        Assert.AreEqual("http://dash.example", handshake.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.AreEqual("http://dash.example", posted.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.AreEqual("ok", await posted.Content.ReadAsStringAsync());
        Assert.IsFalse(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [TestMethod]
    public async Task PostOverMaxPayload_Is413_AndClosesTheSession()
    {
        await using InProcessHost host = await StartAsync(o => o.SocketIo.MaxPayload = 16 * 1024);
        var client = new EngineIoClient(host);
        (string sid, JsonElement open) = await client.HandshakeAsync();

        (HttpStatusCode status, string body) = await client.PostAsync(sid, "4" + new string('x', 20_000));

        Assert.AreEqual(16384.0, open.Number("maxPayload"));
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("PISTAT_SOCKETIO_MAX_PAYLOAD", body);
        Assert.IsNull(host.Service<SocketIoServer>().Find(sid));
    }

    [TestMethod]
    public async Task GarbagePacketTypeInAPost_IsABadRequest_AndClosesTheSession()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        (HttpStatusCode status, string body) = await client.PostAsync(sid, "9garbage");

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("unknown packet type '9'", body);
        Assert.IsNull(host.Service<SocketIoServer>().Find(sid));
    }

    [TestMethod]
    public async Task UnansweredPing_ClosesTheSessionAfterPingTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time: time);
        var client = new EngineIoClient(host);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(client.WebSocketUri(), CancellationToken.None);
        string open = (await EngineIoClient.ReceiveAsync(socket))!;
        string sid = Json.Parse(open[1..]).Text("sid")!;
        await EngineIoClient.SendAsync(socket, "40");
        Assert.StartsWith("40{", await EngineIoClient.ReceiveAsync(socket));
        SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;

        time.Advance(TimeSpan.FromMilliseconds(300));
        string? ping = await EngineIoClient.ReceiveControlAsync(socket);
        time.Advance(TimeSpan.FromMilliseconds(199));
        bool openBeforeTimeout = host.Service<SocketIoServer>().Find(sid) is not null;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.AreEqual("[]", Json.Parse(open[1..]).At("upgrades").GetRawText(), "a WebSocket-only session offers no upgrade");
        Assert.AreEqual("2", ping);
        Assert.IsTrue(openBeforeTimeout);
        Assert.IsNull(host.Service<SocketIoServer>().Find(sid));
        Assert.AreEqual("ping timeout: no pong within 200 ms (PISTAT_SOCKETIO_PING_TIMEOUT_MS)", session.CloseReason);
        Assert.AreEqual(0, host.Service<PushHub>().Count);
        string? last = await EngineIoClient.ReceiveControlAsync(socket);
        Assert.IsTrue(last is null or "1", $"the WebSocket ends (close packet or close frame), got {last}");
    }

    [TestMethod]
    public async Task AnsweredPings_KeepTheSessionOpen()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time: time);
        var client = new EngineIoClient(host);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(client.WebSocketUri(), CancellationToken.None);
        string sid = Json.Parse((await EngineIoClient.ReceiveAsync(socket))![1..]).Text("sid")!;
        await EngineIoClient.SendAsync(socket, "40");
        await EngineIoClient.ReceiveAsync(socket);
        SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;

        for (int i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(300));
            Assert.AreEqual("2", await EngineIoClient.ReceiveControlAsync(socket), $"ping {i + 1}");
            await EngineIoClient.SendAsync(socket, "3");
            await EngineIoClient.WaitUntilAsync(() => !session.AwaitingPong, $"pong {i + 1} to be read");
        }

        Assert.AreSame(session, host.Service<SocketIoServer>().Find(sid));
        Assert.IsNull(session.CloseReason);
        Assert.AreEqual(1, host.Service<PushHub>().Count);
    }

    [TestMethod]
    public async Task SessionThatNeverConnects_IsClosedAfterTheConnectTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(o => o.SocketIo.PingIntervalMs = 600_000, time);
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        SocketIoServer server = host.Service<SocketIoServer>();

        time.Advance(TimeSpan.FromMilliseconds(999));
        bool openJustBefore = server.Find(sid) is not null;
        time.Advance(TimeSpan.FromMilliseconds(1));
        (HttpStatusCode status, string body) = await client.GetAsync(EngineIoClient.Query(sid));

        Assert.IsTrue(openJustBefore);
        Assert.IsNull(server.Find(sid));
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.AreEqual(1.0, Json.Parse(body).Number("code"));
    }
}
