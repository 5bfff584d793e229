using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MonitorWorker.Tests.Fleet;

/// <summary>
/// A microcontroller board serving Prometheus text as the prometheus_express SDK does (ssube/prometheus_express
/// server.py, metric.py, router.py): one request read with a single 1 KB receive, an HTTP/1.1 200 with
/// <c>Connection: close</c>, <c>Content-Type: text/plain</c> and <c>Content-Length</c>, the registry's lines joined by
/// newlines with none at the end, <c>None</c> for labels never set, a summary as <c>_count</c> and <c>_total</c> lines
/// each under its own HELP and TYPE, and 404 "Not Found" for any other path. It misbehaves as the SDK's README says
/// boards do: <see cref="Behaviour.Resets"/> resets every connection, <see cref="Behaviour.StallsAccept"/> never
/// accepts, and, on the real clock, a request within 50 ms of the previous (faster than 20 requests/s) is reset and counted.
/// </summary>
internal sealed class FakeBoard : IDisposable
{
    public enum Behaviour
    {
        Answers,
        Resets,
        StallsAccept,
    }

    private readonly TcpListener _listener;
    private readonly Behaviour _behaviour;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private int _open;
    private long _lastRequest = long.MinValue / 2;

    private readonly bool _limitRate;

    /// <param name="behaviour">How it answers.</param>
    /// <param name="resetsFirst">How many connections it resets before it answers.</param>
    /// <param name="limitRate">Whether a request within 50 ms of the previous is reset: for clients on the real clock only.</param>
    public FakeBoard(Behaviour behaviour = Behaviour.Answers, int resetsFirst = 0, bool limitRate = false)
    {
        _behaviour = behaviour;
        _limitRate = limitRate;
        ResetsLeft = resetsFirst;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 2); // the SDK's listen(depth=2)
        if (behaviour != Behaviour.StallsAccept)
        {
            _ = AcceptAsync();
        }
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/metrics");

    /// <summary>Gets how many connections were accepted.</summary>
    public int Connections { get; private set; }

    /// <summary>Gets the most connections that were open at once.</summary>
    public int MostAtOnce { get; private set; }

    /// <summary>Gets how many requests came faster than 20 a second.</summary>
    public int TooFast { get; private set; }

    /// <summary>Gets or sets how many connections are still to be reset before the board answers (a board recovering).</summary>
    public int ResetsLeft { get; set; }

    /// <summary>The registry, rendered as <c>CollectorRegistry.render()</c> joins it.</summary>
    public static string Render()
    {
        string[] lines =
        [
            "# HELP prom_express_temperature temperature from both sensors", "# TYPE prom_express_temperature gauge",
            "prom_express_temperature{sensor=\"None\"} 0", "prom_express_temperature{sensor=\"bme680\"} 24.7359", "prom_express_temperature{sensor=\"si7021\"} 24.3325",
            "# HELP prom_express_humidity humidity from both sensors", "# TYPE prom_express_humidity gauge",
            "prom_express_humidity{sensor=\"None\"} 0", "prom_express_humidity{sensor=\"bme680\"} 49.4062",
            "# HELP prom_express_requests requests served", "# TYPE prom_express_requests counter",
            "prom_express_requests{path=\"None\"} 0", "prom_express_requests{path=\"/metrics\"} 1588",
            "# HELP prom_express_latency request latency", "# TYPE prom_express_latency summary",
            "# HELP prom_express_latency_count request latency", "# TYPE prom_express_latency_count summary", "prom_express_latency_count{path=\"None\"} 0",
            "# HELP prom_express_latency_total request latency", "# TYPE prom_express_latency_total summary", "prom_express_latency_total{path=\"None\"} 0",
            "# HELP prom_express_latency_count request latency", "# TYPE prom_express_latency_count summary", "prom_express_latency_count{path=\"/metrics\"} 12",
            "# HELP prom_express_latency_total request latency", "# TYPE prom_express_latency_total summary", "prom_express_latency_total{path=\"/metrics\"} 0.375",
        ];
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                Connections++;
                _open++;
                MostAtOnce = Math.Max(MostAtOnce, _open);
            }

            // Each connection on its own: a client opening a second one while the first is served is what MostAtOnce catches.
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            long now = Environment.TickCount64;
            bool tooFast;
            bool reset;
            lock (_gate)
            {
                tooFast = _limitRate && now - _lastRequest < 50;
                _lastRequest = now;
                TooFast += tooFast ? 1 : 0;
                reset = _behaviour == Behaviour.Resets || tooFast || ResetsLeft > 0;
                ResetsLeft = Math.Max(0, ResetsLeft - 1);
            }

            if (reset)
            {
                connection.LingerState = new LingerOption(true, 0); // close with RST: OSError on the board
                return;
            }

            byte[] buffer = new byte[1024];
            int read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            string request = Encoding.UTF8.GetString(buffer, 0, read);
            string path = request.Split(' ') is [_, string p, ..] ? p : "";
            (string status, string body) = path == "/metrics" ? ("200 OK", Render()) : ("404 Not Found", "Not Found");
            byte[] content = Encoding.UTF8.GetBytes(body);
            string head = $"HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: {content.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
            await connection.SendAsync(Encoding.UTF8.GetBytes(head), SocketFlags.None, _stop.Token);
            await connection.SendAsync(content, SocketFlags.None, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away
        }
        finally
        {
            // Counted out before the close the client sees: a client that opens its next connection only after this one
            // ended never looks like two at once.
            lock (_gate)
            {
                _open--;
            }

            connection.Dispose();
        }
    }
}
