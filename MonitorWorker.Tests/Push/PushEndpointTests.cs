using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.Push;

/// <summary>/ws and /api/stream against the service in this process, sampling this machine once a second.</summary>
[TestClass]
public sealed class PushEndpointTests
{
    private static Uri WebSocketUri(InProcessHost host) => new(host.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws");

    [TestMethod]
    public async Task AtOneHertz_EachClientGetsEverySample_AndAStuckClientSlowsNobody()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.SampleSeconds = 1);
        await host.WaitForFirstSnapshotAsync();

        // A client that asks for the stream and then never reads a byte, with the smallest receive buffer the kernel allows.
        using var stuck = new TcpClient { ReceiveBufferSize = 1 };
        await stuck.ConnectAsync(host.Http.BaseAddress!.Host, host.Http.BaseAddress.Port);
        await stuck.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /api/stream HTTP/1.1\r\nHost: {host.Http.BaseAddress.Authority}\r\n\r\n"));

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(WebSocketUri(host), CancellationToken.None);
        // Ten samples each, however long a busy machine takes to make them: a stuck client that held the others up
        // would leave them short when the two minutes are over.
        Task<List<(TimeSpan At, JsonElement Message)>> webSocket = PushClients.ReadWebSocketAsync(socket, TimeSpan.FromMinutes(2), count: 10);
        Task<List<(TimeSpan At, string Event, JsonElement Data)>> events = PushClients.ReadEventStreamAsync(host.Http, TimeSpan.FromMinutes(2), count: 10);
        // The three clients are counted once each has been admitted: wait for that, however long it takes here.
        await WaitForClientsAsync(host, 3);
        JsonElement health = Json.Parse(await host.Http.GetStringAsync("api/health"));

        List<(TimeSpan At, JsonElement Message)> messages = await webSocket;
        List<(TimeSpan At, string Event, JsonElement Data)> sse = await events;

        Assert.AreEqual(3.0, health.Number("connected_clients"));
        Assert.HasCount(10, messages, "WebSocket messages");
        Assert.HasCount(10, sse, "Server-Sent Events");
        Assert.IsTrue(messages.All(m => m.Message.Text("event") == "tegrastats_update"));
        Assert.IsTrue(sse.All(e => e.Event == "tegrastats_update"));
        Assert.IsGreaterThan(0, messages[^1].Message.At("data.cpu.cores").GetArrayLength(), "data is the /api/status body");
        Assert.IsNotNull(sse[^1].Data.Text("timestamp"));
        string[] wsStamps = [.. messages.Select(m => m.Message.At("data").Text("timestamp")!)];
        string[] sseStamps = [.. sse.Select(e => e.Data.Text("timestamp")!)];
        Assert.HasCount(10, wsStamps.Distinct(), "one message per sample, none repeated: " + string.Join(", ", wsStamps));
        Assert.HasCount(10, sseStamps.Distinct(), "one event per sample, none repeated");
        CollectionAssert.AreEqual(wsStamps.Order(StringComparer.Ordinal).ToArray(), wsStamps, "in sample order");
    }

    [TestMethod]
    public async Task OneClientOverTheLimit_IsRefusedWith1013Or503_AndALeavingClientFreesItsPlace()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => (o.Sampling.SampleSeconds, o.Push.MaxConnections) = (1, 2));
        await host.WaitForFirstSnapshotAsync();

        using var first = new ClientWebSocket();
        using var second = new ClientWebSocket();
        await first.ConnectAsync(WebSocketUri(host), CancellationToken.None);
        await second.ConnectAsync(WebSocketUri(host), CancellationToken.None);

        using var third = new ClientWebSocket();
        await third.ConnectAsync(WebSocketUri(host), CancellationToken.None);
        List<(TimeSpan At, JsonElement Message)> refusedMessages = await PushClients.ReadWebSocketAsync(third, TimeSpan.FromSeconds(60)); // until the server closes it
        Assert.IsEmpty(refusedMessages);
        Assert.AreEqual((WebSocketCloseStatus)1013, third.CloseStatus);
        Assert.AreEqual("Too many live clients: 2 are connected (PISTAT_MAX_CONNECTIONS); try again later", third.CloseStatusDescription);

        using HttpResponseMessage refusedStream = await host.Http.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, refusedStream.StatusCode);
        Assert.AreEqual("Too many live clients: 2 are connected (PISTAT_MAX_CONNECTIONS); try again later", Json.Parse(await refusedStream.Content.ReadAsStringAsync()).Text("error"));

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await WaitForClientsAsync(host, 1);
        using var fourth = new ClientWebSocket();
        await fourth.ConnectAsync(WebSocketUri(host), CancellationToken.None);
        List<(TimeSpan At, JsonElement Message)> admitted = await PushClients.ReadWebSocketAsync(fourth, TimeSpan.FromMinutes(1), count: 2);
        Assert.HasCount(2, admitted, "the freed place is taken and updates flow");
    }

    [TestMethod]
    public async Task PlainHttpOnWs_Is400WithAPointerToTheEventStream()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        using HttpResponseMessage response = await host.Http.GetAsync("ws");

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(Json.Parse(await response.Content.ReadAsStringAsync()).Text("error"), "/api/stream");
    }

    private static async Task WaitForClientsAsync(InProcessHost host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Json.Parse(await host.Http.GetStringAsync("api/health")).Number("connected_clients") != count)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"connected_clients never became {count}");
            await Task.Delay(20);
        }
    }
}
