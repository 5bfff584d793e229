using System.Text.Json;
using HardwareProbes.Snapshots;
using MonitorWorker.Json;
using MonitorWorker.Sampling;

namespace MonitorWorker.Stats;

/// <summary>
/// The serialised <c>/stats</c> body of one snapshot. A body depends only on the snapshot and its age, so it is built
/// once per 0.1 s of age, and every request in between is answered with the same bytes.
/// </summary>
public sealed class StatsBody
{
    /// <summary>The <c>/stats</c> view of a snapshot, in the service's one per-snapshot cache.</summary>
    public static readonly SnapshotView<StatsBody> View = new("stats", (snapshot, views) => new StatsBody(snapshot, views));

    private readonly HardwareSnapshot _snapshot;
    private readonly SnapshotViews _views;
    private volatile Aged? _last;

    private StatsBody(HardwareSnapshot snapshot, SnapshotViews views) => (_snapshot, _views) = (snapshot, views);

    /// <summary>The body as it reads at <paramref name="now"/>.</summary>
    public byte[] At(DateTimeOffset now)
    {
        long tenths = (long)Math.Floor(Math.Max(0, (now - _snapshot.Timestamp).TotalSeconds) * 10);
        if (_last is { } last && last.AgeTenths == tenths)
        {
            return last.Body;
        }

        StatsResponse response = StatsMapper.Map(_snapshot, _snapshot.Timestamp + TimeSpan.FromSeconds(tenths / 10.0), _views.Demo, _views.Labels);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(response, StatsJsonContext.Relaxed.StatsResponse);
        _last = new Aged(tenths, body);
        return body;
    }

    private sealed record Aged(long AgeTenths, byte[] Body);
}
