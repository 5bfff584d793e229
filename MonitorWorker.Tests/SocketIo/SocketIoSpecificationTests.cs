using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Push;
using MonitorWorker.SocketIo;

namespace MonitorWorker.Tests.SocketIo;

/// <summary>
/// What the Engine.IO 4 and Socket.IO 5 protocol specifications (and the test suites published with them) require of a
/// server, frame by frame: the exact connect error of an unknown namespace, a client's close over polling in either
/// order of its two requests, invalid packets before and after CONNECT, DISCONNECT leaving the Engine.IO session open,
/// client events and acknowledgements ignored, and several packets in one polling POST.
/// </summary>
[TestClass]
public sealed class SocketIoSpecificationTests
{
    private static async Task<InProcessHost> StartAsync(TimeProvider? time = null)
    {
        InProcessHost host = await InProcessHost.StartAsync(new HookedSource(), o =>
        {
            // On real time nothing times out while a test runs; on a held clock the protocol suites' own timings.
            (o.SocketIo.PingIntervalMs, o.SocketIo.PingTimeoutMs, o.SocketIo.ConnectTimeoutMs) = time is null ? (600_000, 600_000, 600_000) : (300, 200, 1000);
        }, time: time);
        if (time is null)
        {
            await EngineIoClient.WaitUntilAsync(() => host.Service<PushHub>().HasSample, "the first sample");
        }

        return host;
    }

    /// <summary>A WebSocket-only session; returns the socket and its session id.</summary>
    private static async Task<(ClientWebSocket Socket, string Sid)> OpenWebSocketAsync(InProcessHost host)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new EngineIoClient(host).WebSocketUri(), CancellationToken.None);
        string open = (await EngineIoClient.ReceiveAsync(socket))!;
        Assert.StartsWith("0{", open);
        return (socket, Json.Parse(open[1..]).Text("sid")!);
    }

    /// <summary>Reads until the server closes the WebSocket; returns the control packets it sent before (samples left out).</summary>
    private static async Task<List<string>> ReadUntilClosedAsync(WebSocket socket)
    {
        var packets = new List<string>();
        while (await EngineIoClient.ReceiveControlAsync(socket) is { } packet)
        {
            packets.Add(packet);
        }

        return packets;
    }

    [TestMethod]
    public async Task UnknownNamespace_GetsExactlyTheProtocolsConnectError_OverWebSocketAndPolling()
    {
        await using InProcessHost host = await StartAsync();
        (ClientWebSocket socket, _) = await OpenWebSocketAsync(host);
        using (socket)
        {
            await EngineIoClient.SendAsync(socket, "40/random");
            Assert.AreEqual("44/random,{\"message\":\"Invalid namespace\"}", await EngineIoClient.ReceiveControlAsync(socket));
        }

        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        await client.PostAsync(sid, "40/custom,{\"token\":\"abc\"}");
        Assert.AreEqual("44/custom,{\"message\":\"Invalid namespace\"}", await client.PollForAsync(sid, "44"));
    }

    [TestMethod]
    public async Task ClientCloseOverPolling_WhenTheClosePostOvertakesItsGet_TheGetStillGets200AndTheNoop_ThenTheSessionIsGone()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        (HttpStatusCode posted, string answer) = await client.PostAsync(sid, "1");
        (HttpStatusCode first, string body) = await client.GetAsync(EngineIoClient.Query(sid));
        (HttpStatusCode second, string secondBody) = await client.GetAsync(EngineIoClient.Query(sid));

        Assert.AreEqual((HttpStatusCode.OK, "ok"), (posted, answer));
        Assert.AreEqual((HttpStatusCode.OK, "6"), (first, body), "the GET the client had sent ends cleanly");
        Assert.AreEqual(HttpStatusCode.BadRequest, second);
        Assert.AreEqual(1.0, Json.Parse(secondBody).Number("code"), secondBody);
        Assert.IsNull(host.Service<SocketIoServer>().Find(sid));
    }

    [TestMethod]
    public async Task ClientCloseOverPolling_WithNoGetEver_IsForgottenAfterAPingTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time);
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        SocketIoServer server = host.Service<SocketIoServer>();

        await client.PostAsync(sid, "1");
        bool keptForItsGet = server.Find(sid) is not null;
        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.IsTrue(keptForItsGet);
        Assert.IsNull(server.Find(sid), "no session outlives a ping timeout after its close");
        (HttpStatusCode status, _) = await client.GetAsync(EngineIoClient.Query(sid));
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
    }

    [TestMethod]
    [DataRow("4abc", "unknown Socket.IO packet type 'a'")]
    [DataRow("40\"not an object\"", "invalid payload for a Connect packet")]
    [DataRow("40{\"token\":", "invalid payload for a Connect packet")]
    [DataRow("45[\"x\"]", "binary packet without its attachment count")]
    public async Task InvalidPacketBeforeConnect_ClosesTheWebSocketAtOnce(string packet, string reason)
    {
        await using InProcessHost host = await StartAsync();
        (ClientWebSocket socket, string sid) = await OpenWebSocketAsync(host);
        using (socket)
        {
            SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;
            await EngineIoClient.SendAsync(socket, packet);

            // The connect timeout is ten minutes here: a close within the read's 30 s is the invalid packet's doing.
            List<string> last = await ReadUntilClosedAsync(socket);

            CollectionAssert.AreEqual(new[] { "1" }, last, "the close packet, then the close frame");
            Assert.AreEqual(WebSocketState.CloseReceived, socket.State);
            Assert.Contains(reason, session.CloseReason!);
            Assert.IsNull(host.Service<SocketIoServer>().Find(sid));
        }
    }

    [TestMethod]
    public async Task InvalidPacketBeforeConnect_OverPolling_Is400_AndThePendingGetGetsTheClose()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;
        Task<string[]> pending = client.PollAsync(sid);
        await EngineIoClient.WaitUntilAsync(() => session.Polling, "the GET to wait");

        (HttpStatusCode status, string body) = await client.PostAsync(sid, "4abc");

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("unknown Socket.IO packet type 'a'", body);
        CollectionAssert.AreEqual(new[] { "1" }, await pending);
        (HttpStatusCode after, _) = await client.GetAsync(EngineIoClient.Query(sid));
        Assert.AreEqual(HttpStatusCode.BadRequest, after);
    }

    [TestMethod]
    [DataRow("4abc", "unknown Socket.IO packet type 'a'")]
    [DataRow("42{}", "invalid payload for a Event packet")]
    [DataRow("42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", "invalid payload for a Event packet")]
    [DataRow("42[\"disconnect\"]", "invalid payload for a Event packet")]
    [DataRow("43456{}", "invalid payload for a Ack packet")]
    [DataRow("41{}", "invalid payload for a Disconnect packet")]
    public async Task InvalidPacketAfterConnect_ClosesTheConnectionAtOnce_AndTheSocketLeavesTheLiveClients(string packet, string reason)
    {
        await using InProcessHost host = await StartAsync();
        (ClientWebSocket socket, string sid) = await OpenWebSocketAsync(host);
        using (socket)
        {
            await EngineIoClient.SendAsync(socket, "40");
            Assert.StartsWith("40{\"sid\":", await EngineIoClient.ReceiveControlAsync(socket));
            Assert.AreEqual(1, host.Service<PushHub>().Count);
            SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;

            await EngineIoClient.SendAsync(socket, packet);
            List<string> last = await ReadUntilClosedAsync(socket);

            CollectionAssert.AreEqual(new[] { "1" }, last);
            Assert.Contains(reason, session.CloseReason!);
            Assert.AreEqual(0, host.Service<PushHub>().Count);
        }
    }

    [TestMethod]
    public async Task Disconnect_StopsTheSamples_ButTheEngineIoSessionStaysAndKeepsPinging_AndMayConnectAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time);
        (ClientWebSocket socket, string sid) = await OpenWebSocketAsync(host);
        using (socket)
        {
            PushHub hub = host.Service<PushHub>();
            SocketIoSession session = host.Service<SocketIoServer>().Find(sid)!;
            await EngineIoClient.WaitUntilAsync(() => hub.HasSample, "the first sample");
            await EngineIoClient.SendAsync(socket, "40");
            Assert.StartsWith("40{", await EngineIoClient.ReceiveAsync(socket));
            Assert.StartsWith("42[\"tegrastats_update\",", await EngineIoClient.ReceiveAsync(socket), "a new socket gets the newest sample");
            Assert.AreEqual(1, hub.Count);

            await EngineIoClient.SendAsync(socket, "41");
            await EngineIoClient.WaitUntilAsync(() => hub.Count == 0, "the socket to leave the live clients");
            hub.Publish(host.Store.Latest!); // a sample after the disconnect reaches nobody
            time.Advance(TimeSpan.FromMilliseconds(300));
            string? next = await EngineIoClient.ReceiveAsync(socket);
            await EngineIoClient.SendAsync(socket, "3");
            await EngineIoClient.WaitUntilAsync(() => !session.AwaitingPong, "the pong to be read");

            Assert.AreEqual("2", next, "the next message is a ping, not a sample");
            Assert.AreSame(session, host.Service<SocketIoServer>().Find(sid), "the Engine.IO session stays open");
            Assert.IsNull(session.CloseReason);

            await EngineIoClient.SendAsync(socket, "40");
            Assert.StartsWith("40{\"sid\":", await EngineIoClient.ReceiveControlAsync(socket));
            Assert.AreEqual(1, hub.Count, "connected again");
            hub.Publish(host.Store.Latest!);
            Assert.StartsWith("42[\"tegrastats_update\",", await EngineIoClient.ReceiveAsync(socket));
        }
    }

    [TestMethod]
    public async Task Disconnect_ThenNoConnectWithinTheConnectTimeout_ClosesTheSession()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time);
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();
        SocketIoServer server = host.Service<SocketIoServer>();
        await client.PostAsync(sid, "40");
        await client.PollForAsync(sid, "40");
        await client.PostAsync(sid, "41");

        time.Advance(TimeSpan.FromMilliseconds(300));
        CollectionAssert.Contains(await client.PollAsync(sid), "2", "pinged while disconnected");
        await client.PostAsync(sid, "3");
        time.Advance(TimeSpan.FromMilliseconds(699));
        bool openJustBefore = server.Find(sid) is not null;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.IsTrue(openJustBefore);
        Assert.IsNull(server.Find(sid));
    }

    [TestMethod]
    public async Task EventsAndAcknowledgementsFromTheClient_AreIgnored_AndTheSocketStaysConnected()
    {
        await using InProcessHost host = await StartAsync();
        (ClientWebSocket socket, string sid) = await OpenWebSocketAsync(host);
        using (socket)
        {
            await EngineIoClient.SendAsync(socket, "40");
            Assert.StartsWith("40{", await EngineIoClient.ReceiveControlAsync(socket));
            foreach (string packet in new[]
            {
                "42[\"message\",1,\"2\",{\"3\":[true]}]",
                "42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]",
                "43456[1,\"2\"]",
                "452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                "42/custom,[\"message\"]",
                "41/custom,",
            })
            {
                await EngineIoClient.SendAsync(socket, packet);
            }

            await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            await socket.SendAsync(new byte[] { 4, 5, 6 }, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            await EngineIoClient.SendAsync(socket, "40");
            string again = (await EngineIoClient.ReceiveControlAsync(socket))!;

            Assert.StartsWith("40{\"sid\":", again, "everything before was read and none of it closed the socket");
            Assert.IsNull(host.Service<SocketIoServer>().Find(sid)!.CloseReason);
            Assert.AreEqual(1, host.Service<PushHub>().Count);
        }
    }

    [TestMethod]
    public async Task OnePollingPost_CarriesSeveralPacketsSplitOnTheRecordSeparator_AndOneGetFramesTheAnswersWithIt()
    {
        await using InProcessHost host = await StartAsync();
        var client = new EngineIoClient(host);
        (string sid, _) = await client.HandshakeAsync();

        (HttpStatusCode status, string answer) = await client.PostAsync(sid, "40/admin,", "40", "42[\"hello\"]", "bAQIDBA==");
        (HttpStatusCode polled, string payload) = await client.GetAsync(EngineIoClient.Query(sid));
        string[] packets = payload.Split(EngineIoClient.Separator);

        Assert.AreEqual((HttpStatusCode.OK, "ok"), (status, answer));
        Assert.AreEqual(HttpStatusCode.OK, polled);
        Assert.IsGreaterThanOrEqualTo(2, packets.Length, payload);
        Assert.AreEqual("44/admin,{\"message\":\"Invalid namespace\"}", packets[0]);
        Assert.StartsWith("40{\"sid\":", packets[1]);
        Assert.IsTrue(packets.Skip(2).All(p => p.StartsWith("42[\"tegrastats_update\",", StringComparison.Ordinal)), payload);
        Assert.IsFalse(payload.EndsWith(EngineIoClient.Separator), "the separator stands between packets, not after the last");
    }
}
