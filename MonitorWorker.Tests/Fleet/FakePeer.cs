using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MonitorWorker.Tests.Fleet;

/// <summary>
/// A peer on a loopback port that answers each path with a fixed status and body (HTTP/1.0, then closes), or that
/// accepts connections and never answers.
/// </summary>
internal sealed class FakePeer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, (int Status, string Body)> _answers;
    private readonly bool _hangs;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly List<string> _paths = [];

    private FakePeer(Dictionary<string, (int, string)> answers, bool hangs)
    {
        _answers = answers;
        _hangs = hangs;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests { get; private set; }

    /// <summary>Gets every path asked for, with its query, in order.</summary>
    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_paths)
            {
                return [.. _paths];
            }
        }
    }

    /// <summary>Gets how many connections a hanging peer holds open, unanswered.</summary>
    public int Held
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    public static FakePeer Answering(Dictionary<string, (int, string)> answers) => new(answers, hangs: false);

    /// <summary>From now on every path is a 404: the agent that answered is gone (the port stays this peer's).</summary>
    public void StopAnswering()
    {
        lock (_answers)
        {
            _answers.Clear();
        }
    }

    public static FakePeer Hanging() => new([], hangs: true);

    /// <summary>
    /// A loopback port bound but not listening, held until disposed: a connection to it is refused, and no other test
    /// can take the port meanwhile (a port merely found free could be).
    /// </summary>
    public static Socket RefusingPort(out Uri url)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        url = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}/");
        return socket;
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        if (_hangs)
        {
            lock (_held)
            {
                _held.Add(client); // accepted, read from by nobody, answered never
            }

            return;
        }

        using (client)
        {
            NetworkStream stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            string requestLine = await reader.ReadLineAsync() ?? string.Empty;
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
            {
            }

            Requests++;
            string path = requestLine.Split(' ') is [_, string p, ..] ? p.TrimStart('/') : string.Empty;
            lock (_paths)
            {
                _paths.Add(path);
            }

            (int Status, string Body) answer;
            lock (_answers)
            {
                // The path with its query, else without it.
                answer = _answers.TryGetValue(path, out var found) || _answers.TryGetValue(path.Split('?')[0], out found) ? found : (404, "{\"error\":\"not found\"}");
            }

            (int status, string body) = answer;
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            string head = $"HTTP/1.0 {status} {status switch { 200 => "OK", 503 => "Service Unavailable", _ => "Not Found" }}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(bytes);
        }
    }
}
