using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Network;

/// <summary>
/// Counts TCP connections that are not listening, from <c>/proc/net/tcp</c> and <c>tcp6</c>. Producing those files walks
/// the kernel's whole TCP hash table, which is sized by RAM: a few hundred microseconds on a small board, about 10 ms on
/// a large host. A count is reused until the refresh interval has passed, or longer where counting is slow (up to a
/// minute), so that it stays a negligible cost everywhere.
/// </summary>
internal sealed class ConnectionCounter(ProbeFiles files, TimeProvider time, TimeSpan refreshInterval)
{
    /// <summary>Counting costs at most this share of wall time: the next count waits this many times the last one's duration.</summary>
    private const int CostFactor = 20_000;

    /// <summary>However slow counting is, a count is at most this old (unless the refresh interval is longer).</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly string _tcp = $"{files.Proc}/net/tcp";
    private readonly string _tcp6 = $"{files.Proc}/net/tcp6";
    private (DateTimeOffset Next, int? Count, string V4, string V6)? _last;

    /// <summary>The count, counted again when due; both files' statuses go to <paramref name="sources"/>.</summary>
    public int? Read(Dictionary<string, string> sources)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_last is not { } last || now >= last.Next)
        {
            int? v4 = files.ReadStruct(_tcp, SourceNames.Tcp, static t => TcpSockets.CountNotListening(t), sources);
            int? v6 = files.ReadStruct(_tcp6, SourceNames.Tcp6, static t => TcpSockets.CountNotListening(t), sources);
            DateTimeOffset done = time.GetUtcNow();
            TimeSpan wait = (done - now) * CostFactor;
            wait = wait < MaxAge ? wait : MaxAge;
            wait = wait > refreshInterval ? wait : refreshInterval;
            last = (now + wait, v4 is null && v6 is null ? null : (v4 ?? 0) + (v6 ?? 0), sources[SourceNames.Tcp], sources[SourceNames.Tcp6]);
            _last = last;
        }

        sources[SourceNames.Tcp] = last.V4;
        sources[SourceNames.Tcp6] = last.V6;
        return last.Count;
    }
}
