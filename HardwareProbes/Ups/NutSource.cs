using System.Net.Sockets;
using System.Text;

namespace HardwareProbes.Ups;

/// <summary>
/// Reads one UPS from its NUT server in the background: one TCP connection kept open, a login when the target has one,
/// then <c>LIST VAR</c> every interval; snapshots take the newest reading without waiting. A refused login, a silent or
/// vanished server, or a reply of another shape closes the connection; the next try waits 1 s, doubling to 1 minute,
/// and an answer starts the wait at 1 s again. Each exchange has 5 s.
/// Cost: one idle TCP connection and one exchange of about 1 KB per interval.
/// </summary>
internal sealed class NutSource : IDisposable
{
    private static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private readonly NutTarget _target;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private volatile Box _box;
    private int _started;

    public NutSource(NutTarget target, TimeSpan interval, TimeProvider time)
    {
        _target = target;
        _interval = interval;
        _time = time;
        _box = new Box(null, $"{target.Display}: no answer yet");
    }

    /// <summary>Gets the newest reading, or null with why.</summary>
    public (UpsReading? Reading, string? Failure) Latest => (_box.Reading, _box.Failure);

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        TimeSpan wait = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            bool answered = false;
            try
            {
                await SessionAsync(() => answered = true, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is SocketException or IOException or FormatException or OperationCanceledException or ObjectDisposedException)
            {
                string why = e switch
                {
                    OperationCanceledException => $"no answer within {ExchangeTimeout.TotalSeconds:0} s",
                    SocketException s => $"{s.SocketErrorCode}: {s.Message}",
                    _ => e.Message,
                };
                _box = new Box(null, $"{_target.Display}: {why}");
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // 1 s after a session that answered, then twice as long after each failure in a row, up to a minute.
            wait = answered ? FirstRetry : wait;
            try
            {
                await Task.Delay(wait, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, wait.Ticks * 2));
        }
    }

    private async Task SessionAsync(Action answered, CancellationToken stop)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (CancellationTokenSource connect = Limit(stop))
        {
            await socket.ConnectAsync(_target.Host, _target.Port, connect.Token).ConfigureAwait(false);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        if (_target.User is not null)
        {
            await ExpectOkAsync(stream, reader, $"USERNAME {_target.User}", stop).ConfigureAwait(false);
            await ExpectOkAsync(stream, reader, $"PASSWORD {_target.Password}", stop).ConfigureAwait(false);
        }

        while (true)
        {
            string reply = await ListAsync(stream, reader, stop).ConfigureAwait(false);
            UpsReading reading = NutReply.ToReading(_target.Ups, NutReply.ParseVariables(reply, _target.Ups));
            _box = new Box(reading, null);
            answered();
            await Task.Delay(_interval, _time, stop).ConfigureAwait(false);
        }
    }

    private static async Task ExpectOkAsync(NetworkStream stream, StreamReader reader, string command, CancellationToken stop)
    {
        using CancellationTokenSource limit = Limit(stop);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), limit.Token).ConfigureAwait(false);
        string? line = await reader.ReadLineAsync(limit.Token).ConfigureAwait(false);
        if (line is null || !line.StartsWith("OK", StringComparison.Ordinal))
        {
            string what = command[..command.IndexOf(' ', StringComparison.Ordinal)];
            throw new FormatException(line is null ? $"the server closed the connection at {what}" : $"{what} refused: {line}");
        }
    }

    /// <summary>Sends <c>LIST VAR</c> and reads the reply to its END line (or an ERR line), at most 1,000 lines.</summary>
    private async Task<string> ListAsync(NetworkStream stream, StreamReader reader, CancellationToken stop)
    {
        using CancellationTokenSource limit = Limit(stop);
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"LIST VAR {_target.Ups}\n"), limit.Token).ConfigureAwait(false);
        var reply = new StringBuilder();
        string end = $"END LIST VAR {_target.Ups}";
        for (int lines = 0; lines < 1000; lines++)
        {
            string line = await reader.ReadLineAsync(limit.Token).ConfigureAwait(false) ?? throw new IOException("the server closed the connection");
            reply.Append(line).Append('\n');
            if (line == end || line.StartsWith("ERR ", StringComparison.Ordinal))
            {
                return reply.ToString();
            }
        }

        throw new FormatException("the reply has more than 1,000 lines");
    }

    /// <summary>The reading and the failure, swapped as one.</summary>
    private sealed record Box(UpsReading? Reading, string? Failure);

    private static CancellationTokenSource Limit(CancellationToken stop)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(ExchangeTimeout);
        return limit;
    }
}
