using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MonitorWorker.Tests;

/// <summary>Test clients of the live push: each collects the messages it receives and when they came.</summary>
internal static class PushClients
{
    /// <summary>Reads WebSocket messages from <paramref name="socket"/> for <paramref name="duration"/>, or until <paramref name="count"/> have come or the socket closes.</summary>
    public static async Task<List<(TimeSpan At, JsonElement Message)>> ReadWebSocketAsync(ClientWebSocket socket, TimeSpan duration, int? count = null)
    {
        var received = new List<(TimeSpan, JsonElement)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        byte[] buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (received.Count < (count ?? int.MaxValue))
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    received.Add((clock.Elapsed, Json.Parse(Encoding.UTF8.GetString(message.ToArray()))));
                    message.SetLength(0);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return received;
    }

    /// <summary>Reads Server-Sent Events from <paramref name="http"/>'s <c>/api/stream</c> for <paramref name="duration"/>, or until <paramref name="count"/> have come: (event name, data).</summary>
    public static async Task<List<(TimeSpan At, string Event, JsonElement Data)>> ReadEventStreamAsync(HttpClient http, TimeSpan duration, int? count = null)
    {
        var received = new List<(TimeSpan, string, JsonElement)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        try
        {
            using HttpResponseMessage response = await http.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            Assert.AreEqual("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            string? name = null;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    received.Add((clock.Elapsed, name ?? "", Json.Parse(line["data: ".Length..])));
                    if (received.Count >= (count ?? int.MaxValue))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return received;
    }
}
