using System.Net.Sockets;
using System.Net.WebSockets;
using System.Net;
using System.Text;
using MonitorWorker.Cli;
using MonitorWorker.Http;

namespace MonitorWorker.Tests.Http;

/// <summary>The client commands' HTTP against a scripted peer (what it sends, what it makes of odd answers) and a real agent.</summary>
[TestClass]
public sealed class PlainHttpTests
{
    /// <summary>A one-connection peer: it records the request head, then writes <paramref name="answer"/> and closes.</summary>
    private static (Uri Url, Task<string> Request) Peer(string answer)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        Task<string> request = Task.Run(async () =>
        {
            try
            {
                using TcpClient client = await listener.AcceptTcpClientAsync();
                NetworkStream stream = client.GetStream();
                var head = new StringBuilder();
                byte[] one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
                {
                    head.Append((char)one[0]);
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
                return head.ToString();
            }
            finally
            {
                listener.Stop();
            }
        });
        return (url, request);
    }

    [TestMethod]
    public async Task Get_SendsOneHttp10RequestWithTheBearer_AndReadsTheBodyToTheEnd()
    {
        (Uri url, Task<string> request) = Peer("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"error\":\"No endpoint at /nope\"}");

        PlainHttpResponse response = await PlainHttp.GetAsync(new Uri(url, "nope?x=1"), "k3y", CancellationToken.None);

        Assert.AreEqual(404, response.Status);
        Assert.AreEqual("Not Found", response.Reason);
        Assert.IsFalse(response.IsSuccess);
        Assert.AreEqual("{\"error\":\"No endpoint at /nope\"}", response.Body);
        string[] head = (await request).Split("\r\n");
        Assert.AreEqual("GET /nope?x=1 HTTP/1.0", head[0]);
        CollectionAssert.Contains(head, $"Host: {url.Authority}");
        CollectionAssert.Contains(head, "Authorization: Bearer k3y");
        CollectionAssert.Contains(head, "Connection: close");
    }

    [TestMethod]
    public async Task Get_FromSomethingThatIsNotHttp_IsAClearError()
    {
        (Uri url, _) = Peer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n");

        InvalidDataException e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => PlainHttp.GetAsync(url, null, CancellationToken.None));

        Assert.AreEqual("the answer is not an HTTP response ('SSH-2.0-OpenSSH_9.2p1 Debian-2')", e.Message);
    }

    [TestMethod]
    public async Task TestAndMonitorCommands_AgainstSomethingThatIsNotHttp_ExitOneWithTheReason()
    {
        (Uri url, Task<string> request) = Peer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n");
        (int testExit, _, string testError) = Cli.Run(new Dictionary<string, string>(), null, "test", "--url", url.ToString(), "--endpoint", "stats");
        await request;
        (Uri wsUrl, Task<string> wsRequest) = Peer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n");
        (int monitorExit, _, string monitorError) = Cli.Run(new Dictionary<string, string>(), null, "monitor", "--url", wsUrl.ToString(), "--duration", "2");
        await wsRequest;

        Assert.AreEqual(1, testExit, testError);
        Assert.AreEqual($"{url}stats: the answer is not an HTTP response ('SSH-2.0-OpenSSH_9.2p1 Debian-2')", testError.TrimEnd('\n'));
        Assert.AreEqual(1, monitorExit, monitorError);
        Assert.AreEqual($"ws://{wsUrl.Authority}/ws: the answer is not an HTTP response ('SSH-2.0-OpenSSH_9.2p1 Debian-2')", monitorError.TrimEnd('\n'));
    }

    [TestMethod]
    public async Task Get_ConnectionClosedWithoutAnswer_IsAClearError()
    {
        (Uri url, _) = Peer("");

        InvalidDataException e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => PlainHttp.GetAsync(url, null, CancellationToken.None));

        Assert.AreEqual("the answer is not an HTTP response", e.Message);
    }

    [TestMethod]
    public async Task WebSocket_RefusedWithAStatus_NamesIt()
    {
        (Uri url, Task<string> request) = Peer("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");

        InvalidDataException e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => PlainHttp.OpenWebSocketAsync(new Uri(url, "ws"), null, CancellationToken.None));

        Assert.AreEqual("the agent answered 401 Unauthorized instead of opening a WebSocket", e.Message);
        string[] head = (await request).Split("\r\n");
        Assert.AreEqual("GET /ws HTTP/1.1", head[0]);
        CollectionAssert.Contains(head, "Upgrade: websocket");
        CollectionAssert.Contains(head, "Sec-WebSocket-Version: 13");
        Assert.AreEqual(24, head.Single(h => h.StartsWith("Sec-WebSocket-Key: ", StringComparison.Ordinal)).Length - "Sec-WebSocket-Key: ".Length, "16 bytes in base64");
    }

    [TestMethod]
    public async Task WebSocket_WrongAcceptKey_IsRefused()
    {
        (Uri url, _) = Peer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");

        InvalidDataException e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => PlainHttp.OpenWebSocketAsync(new Uri(url, "ws"), null, CancellationToken.None));

        StringAssert.Contains(e.Message, "wrong Sec-WebSocket-Accept");
    }

    [TestMethod]
    public async Task RealAgent_WithApiKey_AnswersTheBearerAndRefusesWithoutIt()
    {
        const string Key = "0123456789abcdef-key";
        Dictionary<string, string> environment = WorkerProcess.BoardEnvironment("x86-server");
        environment["PISTAT_API_KEY"] = Key;
        await using WorkerProcess worker = WorkerProcess.Start(environment);
        (await worker.WaitUntilServingAsync("health")).Dispose();

        PlainHttpResponse allowed = await PlainHttp.GetAsync(new Uri(worker.BaseAddress, "api/health"), Key, CancellationToken.None);
        PlainHttpResponse refused = await PlainHttp.GetAsync(new Uri(worker.BaseAddress, "api/health"), null, CancellationToken.None);
        using WebSocket socket = await PlainHttp.OpenWebSocketAsync(new Uri(worker.BaseAddress, "ws"), Key, CancellationToken.None);
        byte[] buffer = new byte[64 * 1024];
        WebSocketReceiveResult first = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.AreEqual(200, allowed.Status);
        Assert.AreEqual("pi-stat", Json.Parse(allowed.Body).Text("service"));
        Assert.AreEqual(401, refused.Status);
        StringAssert.Contains(Json.Parse(refused.Body).Text("error"), "bearer", StringComparison.OrdinalIgnoreCase);
        Assert.AreEqual(WebSocketMessageType.Text, first.MessageType);
        StringAssert.StartsWith(Encoding.UTF8.GetString(buffer, 0, first.Count), "{\"event\":\"tegrastats_update\"");
    }
}
