using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using MonitorWorker.Service;

namespace MonitorWorker.Http;

/// <summary>A response of <see cref="PlainHttp.GetAsync"/>.</summary>
internal sealed record PlainHttpResponse(int Status, string Reason, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// The HTTP the client commands need to talk to an agent, over one TCP connection: a GET whose body is everything the
/// agent sends before closing (HTTP/1.0 semantics, so no chunked coding), and the WebSocket opening handshake, after
/// which the runtime's <see cref="WebSocket"/> takes over the connection. The agent serves plain HTTP; this keeps
/// HttpClient, and with it HTTP/2, TLS and the certificate code, out of the service's binary, where they cost about
/// 3 MB of code for two diagnostic commands.
/// </summary>
internal static class PlainHttp
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The longest response head accepted.</summary>
    private const int MaxHeadBytes = 16 * 1024;

    /// <summary>The largest body read.</summary>
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    public static async Task<PlainHttpResponse> GetAsync(Uri url, string? bearer, CancellationToken token, int maxBodyBytes = MaxBodyBytes)
    {
        using Socket socket = await ConnectAsync(url, token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await WriteRequestAsync(stream, url, "HTTP/1.0", bearer, ["Connection: close"], token).ConfigureAwait(false);

        using var response = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
        {
            if (response.Length + read > maxBodyBytes + MaxHeadBytes)
            {
                throw new InvalidDataException($"the response is longer than {maxBodyBytes / 1024} KB");
            }

            response.Write(buffer, 0, read);
        }

        byte[] bytes = response.ToArray();
        int end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException("the answer is not an HTTP response");
        }

        (int status, string reason, Dictionary<string, string> headers) = ParseHead(Encoding.ASCII.GetString(bytes, 0, end));
        int bodyBytes = bytes.Length - end - 4;
        // A server that said how long its body is and closed before sending it all (a board that reset mid-answer): the
        // part that came is not the answer.
        if (headers.TryGetValue("content-length", out string? declared) && long.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out long length) && bodyBytes < length)
        {
            throw new InvalidDataException($"the body was cut short: {bodyBytes} of {length} bytes arrived");
        }

        return new PlainHttpResponse(status, reason, Encoding.UTF8.GetString(bytes, end + 4, bodyBytes));
    }

    /// <summary>
    /// POSTs <paramref name="body"/> to an http or https URL (TLS with the system's trust store and the host name checked)
    /// and reads the status of the answer, not its body: what a notification needs, without HttpClient's HTTP/2, HTTP/3
    /// and pooling in the binary.
    /// </summary>
    /// <remarks><paramref name="headers"/> are whole header lines (<c>Name: value</c>), ASCII.</remarks>
    public static async Task<(int Status, string Reason)> PostAsync(Uri url, IReadOnlyList<string> headers, string contentType, byte[] body, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        using Socket socket = await ConnectAsync(url, token).ConfigureAwait(false);
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (url.Scheme == Uri.UriSchemeHttps)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = url.IdnHost }, token).ConfigureAwait(false);
            }

            string[] lines =
            [
                $"POST {url.PathAndQuery} HTTP/1.1",
                $"Host: {url.Authority}",
                $"User-Agent: pi-stat/{ServiceIdentity.Version}",
                $"Content-Type: {contentType}",
                $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}",
                "Connection: close",
                .. headers,
            ];
            await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"), token).ConfigureAwait(false);
            await stream.WriteAsync(body, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
            (int status, string reason, _) = ParseHead(await ReadHeadAsync(stream, token).ConfigureAwait(false));
            return (status, reason);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens a WebSocket to <paramref name="url"/> (an <c>http</c> or <c>ws</c> URL).</summary>
    public static async Task<WebSocket> OpenWebSocketAsync(Uri url, string? bearer, CancellationToken token)
    {
        Socket socket = await ConnectAsync(url, token).ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            await WriteRequestAsync(stream, url, "HTTP/1.1", bearer, ["Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: " + key], token).ConfigureAwait(false);

            // Byte by byte up to the blank line: the first message may follow the head in the same packet.
            (int status, string reason, Dictionary<string, string> headers) = ParseHead(await ReadHeadAsync(stream, token).ConfigureAwait(false));
            if (status != 101)
            {
                throw new InvalidDataException($"the agent answered {status} {reason} instead of opening a WebSocket");
            }

            // RFC 6455 fixes SHA-1 for this check; it proves the peer speaks WebSocket, it protects nothing.
#pragma warning disable CA5350
            string expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
            if (headers.GetValueOrDefault("sec-websocket-accept") != expected)
            {
                throw new InvalidDataException("the agent's WebSocket handshake has a wrong Sec-WebSocket-Accept");
            }

            return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.FromSeconds(30) });
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Parses a response head: the status line and the headers (names lower-cased).</summary>
    internal static (int Status, string Reason, Dictionary<string, string> Headers) ParseHead(string head)
    {
        string[] lines = head.Split("\r\n");
        string[] statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status) || status is < 100 or > 999)
        {
            throw new InvalidDataException($"the answer is not an HTTP response ('{Shorten(lines[0])}')");
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        return (status, statusLine.Length == 3 ? statusLine[2] : "", headers);
    }

    private static async Task<Socket> ConnectAsync(Uri url, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Every address the name has, IPv6 and IPv4, in turn (localhost is both).
            await socket.ConnectAsync(url.DnsSafeHost, url.Port, token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task WriteRequestAsync(Stream stream, Uri url, string version, string? bearer, string[] headers, CancellationToken token)
    {
        var request = new StringBuilder();
        request.Append("GET ").Append(url.PathAndQuery).Append(' ').Append(version).Append("\r\n");
        request.Append("Host: ").Append(url.Authority).Append("\r\n");
        request.Append("User-Agent: pi-stat/").Append(ServiceIdentity.Version).Append("\r\n");
        if (bearer is not null)
        {
            request.Append("Authorization: Bearer ").Append(bearer).Append("\r\n");
        }

        foreach (string header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        request.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), token).ConfigureAwait(false);
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken token)
    {
        byte[] head = new byte[MaxHeadBytes];
        int length = 0;
        while (length < 4 || !head.AsSpan(length - 4, 4).SequenceEqual("\r\n\r\n"u8))
        {
            if (length == head.Length)
            {
                throw new InvalidDataException($"the response head is longer than {MaxHeadBytes / 1024} KB");
            }

            if (await stream.ReadAsync(head.AsMemory(length, 1), token).ConfigureAwait(false) == 0)
            {
                throw new InvalidDataException("the server closed the connection before its response head ended");
            }

            length++;
        }

        return Encoding.ASCII.GetString(head, 0, length - 4);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
