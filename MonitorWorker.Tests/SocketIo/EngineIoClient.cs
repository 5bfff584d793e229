using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MonitorWorker.Tests.SocketIo;

/// <summary>A raw Engine.IO client for the protocol tests: each request written as the protocol documents it, nothing hidden.</summary>
internal sealed class EngineIoClient(InProcessHost host)
{
    public const char Separator = '\u001e';

    public HttpClient Http => host.Http;

    public static string Query(string? sid = null, string transport = "polling", string eio = "4")
        => $"socket.io/?EIO={eio}&transport={transport}" + (sid is null ? "" : $"&sid={sid}");

    /// <summary>Opens a polling session; returns its sid and the open packet's JSON.</summary>
    public async Task<(string Sid, JsonElement Open)> HandshakeAsync()
    {
        (HttpStatusCode status, string body) = await GetAsync(Query());
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        Assert.StartsWith("0", body);
        JsonElement open = Json.Parse(body[1..]);
        return (open.Text("sid")!, open);
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using HttpResponseMessage response = await host.Http.GetAsync(path, timeout.Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>One long-polling GET: the packets of its payload.</summary>
    public async Task<string[]> PollAsync(string sid, CancellationToken cancellationToken = default)
    {
        (HttpStatusCode status, string body) = await GetAsync(Query(sid), cancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        return body.Split(Separator);
    }

    /// <summary>Polls until a packet that starts with <paramref name="prefix"/> comes; returns it.</summary>
    public async Task<string> PollForAsync(string sid, string prefix)
    {
        for (int i = 0; i < 50; i++)
        {
            string[] packets = await PollAsync(sid);
            if (packets.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }
        }

        Assert.Fail($"no packet starting with {prefix} in 50 polls");
        return "";
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string sid, params string[] packets)
    {
        using var content = new StringContent(string.Join(Separator, packets), Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await host.Http.PostAsync(Query(sid), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Uri WebSocketUri(string? sid = null)
        => new(host.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + Query(sid, "websocket"));

    /// <summary>Receives one text message, or null when the server closes the WebSocket.</summary>
    public static async Task<string?> ReceiveAsync(WebSocket socket, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        byte[] buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Receives the next message that is not a sample (<c>42[…]</c>) or a noop, or null when the WebSocket closes.</summary>
    public static async Task<string?> ReceiveControlAsync(WebSocket socket)
    {
        string? message;
        while ((message = await ReceiveAsync(socket)) is not null && (message.StartsWith("42[", StringComparison.Ordinal) || message == "6"))
        {
        }

        return message;
    }

    public static Task SendAsync(WebSocket socket, string packet)
        => socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Waits until <paramref name="condition"/> holds (TestSupport's <see cref="Eventually"/>).</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what) => Eventually.UntilAsync(condition, what);
}
