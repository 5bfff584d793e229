using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MonitorWorker.Push;

namespace MonitorWorker.Tests.SocketIo;

/// <summary>
/// The Socket.IO server against the clients Tegrastats API users run: Debian's python3-socketio, npm's
/// socket.io-client under nodejs (both in <c>Clients/</c>), and a raw WebSocket client that does what the original's
/// ESP32 display example does. The service samples this machine once a second.
/// </summary>
[TestClass]
public sealed class SocketIoClientTests
{
    private const string Key = "0123456789abcdef-socket";

    /// <summary>The ESP32 example reads each message into an 8 KB buffer.</summary>
    private const int Esp32Buffer = 8192;

    private static readonly string Clients = Path.Combine(Paths.Root, "MonitorWorker.Tests", "SocketIo", "Clients");

    [ClassInitialize]
    public static void InstallNodeClient(TestContext context)
    {
        _ = context;
        if (!Directory.Exists(Path.Combine(Clients, "node_modules", "socket.io-client")))
        {
            var start = ExternalTool.StartInfo("npm", "ci", "--no-audit", "--no-fund");
            start.WorkingDirectory = Clients;
            using Process npm = Process.Start(start)!;
            Task<string> output = npm.StandardOutput.ReadToEndAsync();
            Task<string> error = npm.StandardError.ReadToEndAsync();
            npm.StandardInput.Close();
            Assert.IsTrue(npm.WaitForExit(300_000), "npm ci did not finish in 5 min");
            Assert.AreEqual(0, npm.ExitCode, $"npm ci in {Clients}: {output.Result}{error.Result}");
        }
    }

    private static Task<InProcessHost> StartAsync(Action<MonitorWorker.AgentOptions>? configure = null)
        => InProcessHost.StartAsync(new HookedSource(), o =>
        {
            o.Sampling.SampleSeconds = 1;
            configure?.Invoke(o);
        });

    private static string Url(InProcessHost host) => host.Http.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>Runs one client script for <paramref name="seconds"/> and returns the JSON line it prints.</summary>
    private static async Task<JsonElement> RunAsync(string client, InProcessHost host, string transports, double seconds, string token = "", string nameSpace = "/")
    {
        (string program, string script) = client == "python"
            ? ("/usr/bin/python3", Path.Combine(Clients, "python-client.py"))
            : ("node", Path.Combine(Clients, "node-client.js"));
        ProcessStartInfo start = ExternalTool.StartInfo(program, script, Url(host), transports, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), token, nameSpace);
        start.WorkingDirectory = Clients;
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{client} client did not finish: {await error}");
        }

        string[] lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(0, process.ExitCode, $"{client}: {await error}");
        Assert.IsNotEmpty(lines, $"{client} printed nothing: {await error}");
        return Json.Parse(lines[^1]);
    }

    private static void AssertReceivedUpdates(JsonElement result, string client, string transport)
    {
        string what = $"{client} over {transport}: {result.GetRawText()[..Math.Min(400, result.GetRawText().Length)]}";
        Assert.AreEqual(JsonValueKind.True, result.At("connected").ValueKind, what);
        Assert.AreEqual(transport, result.Text("transport"), what);
        Assert.IsGreaterThanOrEqualTo(4.0, result.Number("events")!.Value, what);
        Assert.IsTrue(result.At("sizes").EnumerateArray().All(s => s.GetInt32() < Esp32Buffer), what);
        JsonElement last = result.At("last");
        Assert.IsGreaterThan(0, last.At("cpu.cores").GetArrayLength(), what);
        Assert.IsNotNull(last.At("cpu.cores")[0].Number("id"), what);
        Assert.AreEqual(JsonValueKind.Object, last.At("memory").ValueKind, what);
        Assert.AreEqual(JsonValueKind.Object, last.At("temperature").ValueKind, what);
        Assert.AreEqual(JsonValueKind.Object, last.At("power").ValueKind, what);
        Assert.AreEqual(JsonValueKind.Object, last.At("gpu").ValueKind, what);
        Assert.IsNotNull(last.Text("timestamp"), what);
    }

    [TestMethod]
    [DataRow("polling,websocket", "websocket", DisplayName = "polling, then the upgrade to WebSocket")]
    [DataRow("websocket", "websocket", DisplayName = "WebSocket only")]
    [DataRow("polling", "polling", DisplayName = "polling only")]
    public async Task PythonAndNodeClients_GetAtLeastFourUpdatesInFiveSeconds(string transports, string endsOn)
    {
        await using InProcessHost host = await StartAsync();
        await host.WaitForFirstSnapshotAsync();

        Task<JsonElement> python = RunAsync("python", host, transports, 5);
        Task<JsonElement> node = RunAsync("node", host, transports, 5);

        AssertReceivedUpdates(await python, "python", endsOn);
        AssertReceivedUpdates(await node, "node", endsOn);
    }

    [TestMethod]
    public async Task WrongNamespace_IsRefusedForBothClients()
    {
        await using InProcessHost host = await StartAsync();

        Task<JsonElement> python = RunAsync("python", host, "polling,websocket", 1, nameSpace: "/admin");
        Task<JsonElement> node = RunAsync("node", host, "polling,websocket", 1, nameSpace: "/admin");

        Assert.AreEqual(JsonValueKind.False, (await python).At("connected").ValueKind);
        Assert.AreEqual("One or more namespaces failed to connect", (await python).Text("error"));
        Assert.AreEqual(JsonValueKind.False, (await node).At("connected").ValueKind);
        Assert.AreEqual("Invalid namespace", (await node).Text("error"), "the protocol's own message, as a socket.io server sends it");
    }

    [TestMethod]
    public async Task ClientOverMaxConnections_IsRefusedWithTheReason()
    {
        await using InProcessHost host = await StartAsync(o => o.Push.MaxConnections = 1);
        var raw = new EngineIoClient(host);
        (string sid, _) = await raw.HandshakeAsync();
        await raw.PostAsync(sid, "40");
        Assert.StartsWith("40{", await raw.PollForAsync(sid, "40"));

        JsonElement node = await RunAsync("node", host, "websocket", 1);
        JsonElement python = await RunAsync("python", host, "websocket", 1);

        Assert.AreEqual("Too many live clients: 1 are connected (PISTAT_MAX_CONNECTIONS); try again later", node.Text("error"));
        Assert.AreEqual(JsonValueKind.False, python.At("connected").ValueKind);
        Assert.AreEqual(1, host.Service<PushHub>().Count);
    }

    [TestMethod]
    public async Task WithAnApiKey_TheAuthTokenConnects_AndAClientWithoutItIsRefused()
    {
        await using InProcessHost host = await StartAsync(o => o.Access.ApiKey = Key);
        await host.WaitForFirstSnapshotAsync();

        Task<JsonElement> python = RunAsync("python", host, "polling,websocket", 2, token: Key);
        Task<JsonElement> node = RunAsync("node", host, "polling,websocket", 1);

        Assert.AreEqual(JsonValueKind.True, (await python).At("connected").ValueKind, (await python).GetRawText());
        Assert.IsGreaterThanOrEqualTo(1.0, (await python).Number("events")!.Value);
        Assert.StartsWith("Missing or wrong API key", (await node).Text("error")!);
    }

    [TestMethod]
    public async Task ClientsThatNeverReadOrPoll_DoNotSlowARealClient()
    {
        await using InProcessHost host = await StartAsync();
        await host.WaitForFirstSnapshotAsync();
        Uri base_ = host.Http.BaseAddress!;

        // A WebSocket-only session that connects and then never reads a byte, with the smallest receive buffer.
        using var stuck = new TcpClient { ReceiveBufferSize = 1 };
        await stuck.ConnectAsync(base_.Host, base_.Port);
        string key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await stuck.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /{EngineIoClient.Query(transport: "websocket")} HTTP/1.1\r\nHost: {base_.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        await stuck.GetStream().WriteAsync(MaskedText("40"));

        // A polling session that connects and then stops polling.
        var raw = new EngineIoClient(host);
        (string sid, _) = await raw.HandshakeAsync();
        await raw.PostAsync(sid, "40");
        await EngineIoClient.WaitUntilAsync(() => host.Service<PushHub>().Count == 2, "both silent clients to connect");

        JsonElement python = await RunAsync("python", host, "polling,websocket", 5);

        AssertReceivedUpdates(python, "python", "websocket");
    }

    [TestMethod]
    public async Task RawWebSocketClientLikeTheEsp32Example_AnswersPingsAndGetsUpdatesUnderEightKilobytes()
    {
        await using InProcessHost host = await StartAsync(o => (o.SocketIo.PingIntervalMs, o.SocketIo.PingTimeoutMs) = (1000, 10_000));
        await host.WaitForFirstSnapshotAsync();
        var raw = new EngineIoClient(host);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(raw.WebSocketUri(), CancellationToken.None);

        // What the example does: read the open packet, send "40", answer every "2" with "3", parse every "42[…]".
        string open = (await EngineIoClient.ReceiveAsync(socket))!;
        await EngineIoClient.SendAsync(socket, "40");
        int pings = 0, events = 0, largest = 0;
        string? connected = null;
        var clock = Stopwatch.StartNew();
        while ((events < 4 || pings < 3) && clock.Elapsed < TimeSpan.FromSeconds(60)) // until it has seen enough, however slowly the machine samples
        {
            string? message = await EngineIoClient.ReceiveAsync(socket);
            Assert.IsNotNull(message, "the server closed the socket");
            largest = Math.Max(largest, Encoding.UTF8.GetByteCount(message));
            if (message == "2")
            {
                pings++;
                await EngineIoClient.SendAsync(socket, "3");
            }
            else if (message.StartsWith("40", StringComparison.Ordinal))
            {
                connected = message;
            }
            else if (message.StartsWith("42", StringComparison.Ordinal))
            {
                JsonElement evt = Json.Parse(message[2..]);
                Assert.AreEqual("tegrastats_update", evt[0].GetString());
                Assert.IsGreaterThan(0, evt[1].At("cpu.cores").GetArrayLength());
                events++;
            }
        }

        Assert.StartsWith("0{\"sid\":", open);
        Assert.StartsWith("40{\"sid\":", connected);
        Assert.IsGreaterThanOrEqualTo(4, events);
        Assert.IsGreaterThanOrEqualTo(3, pings, "a ping a second, each answered");
        Assert.IsLessThan(Esp32Buffer, largest);
        Assert.AreEqual(WebSocketState.Open, socket.State, "answered pings keep the session");
        Assert.AreEqual(1, host.Service<PushHub>().Count);
    }

    /// <summary>A client-to-server WebSocket text frame (masked, as RFC 6455 requires of clients).</summary>
    private static byte[] MaskedText(string text)
    {
        byte[] payload = Encoding.UTF8.GetBytes(text);
        byte[] mask = [1, 2, 3, 4];
        byte[] frame = [0x81, (byte)(0x80 | payload.Length), .. mask, .. payload.Select((b, i) => (byte)(b ^ mask[i % 4]))];
        return frame;
    }
}
