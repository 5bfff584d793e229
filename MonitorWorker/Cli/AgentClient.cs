using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text;
using MonitorWorker.Http;

namespace MonitorWorker.Cli;

/// <summary>The client commands: <c>test</c> (one endpoint of a running agent) and <c>monitor</c> (its push stream).</summary>
internal static class AgentClient
{
    /// <summary>Short names of the Tegrastats API endpoints, as its own CLI takes them (<c>--endpoint cpu</c>).</summary>
    private static readonly HashSet<string> TegrastatsApiNames = new(["status", "cpu", "memory", "temperature", "power"], StringComparer.Ordinal);

    public static bool TryParseUrl(string text, out Uri? url)
    {
        url = Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) && parsed.Scheme == Uri.UriSchemeHttp ? parsed : null;
        if (url is null)
        {
            Console.Error.WriteLine($"--url: '{text}' is not an http URL (the agent serves plain HTTP)");
        }

        return url is not null;
    }

    /// <summary>The path of an endpoint name: <c>cpu</c> is <c>api/cpu</c>; anything else is taken as a path.</summary>
    public static string PathOf(string endpoint)
    {
        string path = endpoint.Trim('/');
        return TegrastatsApiNames.Contains(path) ? "api/" + path : path;
    }

    public static async Task<int> QueryAsync(Uri root, string endpoint, CancellationToken token)
    {
        var target = new Uri(root, PathOf(endpoint));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            PlainHttpResponse response = await PlainHttp.GetAsync(target, ApiKey(), timeout.Token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(response.Body).ConfigureAwait(false);
            return response.IsSuccess ? 0 : AgentCommandLine.AgentFailed;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{target}: no complete answer within 10 s").ConfigureAwait(false);
            return AgentCommandLine.AgentFailed;
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            await Console.Error.WriteLineAsync($"{target}: {e.Message}").ConfigureAwait(false);
            return AgentCommandLine.AgentFailed;
        }
    }

    /// <summary>Prints each <c>tegrastats_update</c> from the agent's <c>/ws</c> for <paramref name="duration"/>; 0 when at least one came.</summary>
    public static async Task<int> MonitorAsync(Uri root, TimeSpan duration, bool json, CancellationToken token)
    {
        var target = new Uri(new Uri(root.GetLeftPart(UriPartial.Authority).Replace("http", "ws", StringComparison.Ordinal)), "ws");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        stop.CancelAfter(duration);
        int updates = 0;
        try
        {
            using WebSocket socket = await PlainHttp.OpenWebSocketAsync(target, ApiKey(), stop.Token).ConfigureAwait(false);
            byte[] buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await Console.Error.WriteLineAsync($"{target}: closed by the agent ({(int?)socket.CloseStatus}: {socket.CloseStatusDescription})").ConfigureAwait(false);
                    return AgentCommandLine.AgentFailed;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    updates++;
                    await Console.Out.WriteLineAsync(json ? DataOf(message) : Summary(message)).ConfigureAwait(false);
                    message.SetLength(0);
                }
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            // The duration is over.
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            await Console.Error.WriteLineAsync($"{target}: {e.Message}").ConfigureAwait(false);
            return AgentCommandLine.AgentFailed;
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{updates} updates in {duration.TotalSeconds:0.#} s")).ConfigureAwait(false);
        return updates > 0 ? 0 : AgentCommandLine.AgentFailed;
    }

    /// <summary>A core's usage; "off" for an offline core (no usage and no frequency), "?" before a usage exists.</summary>
    private static string Core(JsonElement core)
        => core.GetProperty("usage") is { ValueKind: JsonValueKind.Number } usage ? $"{usage.GetInt32()}%"
            : core.GetProperty("freq").ValueKind == JsonValueKind.Null ? "off"
            : "?";

    /// <summary>What a failed connection or an answer that is not HTTP throws: reported in one line, exit code 1.</summary>
    private static bool IsConnectionFailure(Exception e) => e is SocketException or IOException or InvalidDataException or WebSocketException;

    /// <summary>PISTAT_API_KEY, sent as the bearer token when it is set.</summary>
    private static string? ApiKey() => Environment.GetEnvironmentVariable("PISTAT_API_KEY") is { Length: > 0 } key ? key : null;

    private static string DataOf(MemoryStream message)
    {
        using JsonDocument document = JsonDocument.Parse(message.ToArray());
        return document.RootElement.GetProperty("data").GetRawText();
    }

    /// <summary>One line per update: time, per-core usage, RAM, the hottest sensor, total power where there are rails.</summary>
    private static string Summary(MemoryStream message)
    {
        using JsonDocument document = JsonDocument.Parse(message.ToArray());
        JsonElement data = document.RootElement.GetProperty("data");
        var line = new StringBuilder();
        line.Append(data.GetProperty("timestamp").GetString()).Append("  cpu [");
        line.AppendJoin(' ', data.GetProperty("cpu").GetProperty("cores").EnumerateArray().Select(Core));
        line.Append(']');
        if (data.GetProperty("memory").GetProperty("ram") is { ValueKind: JsonValueKind.Object } ram)
        {
            line.Append(CultureInfo.InvariantCulture, $"  ram {ram.GetProperty("used").GetInt64()}/{ram.GetProperty("total").GetInt64()} MB");
        }

        JsonProperty[] temperatures = [.. data.GetProperty("temperature").EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Number)];
        if (temperatures.Length > 0)
        {
            JsonProperty hottest = temperatures.MaxBy(t => t.Value.GetDouble());
            line.Append(CultureInfo.InvariantCulture, $"  {hottest.Name} {hottest.Value.GetDouble():0.0} °C");
        }

        foreach (JsonProperty rail in data.GetProperty("power").EnumerateObject().Take(1))
        {
            line.Append(CultureInfo.InvariantCulture, $"  {rail.Name} {rail.Value.GetProperty("current").GetInt32()} mW");
        }

        return line.ToString();
    }
}
