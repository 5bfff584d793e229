using System.Text.Json;
using HardwareProbes.Snapshots;
using MonitorWorker.Json;

namespace MonitorWorker.Stats;

/// <summary>
/// The serialised <c>/stats</c> body of the newest snapshot. A body depends only on the snapshot and its age, so it is
/// built once per snapshot and per 0.1 s of age, and every request in between is answered with the same bytes.
/// </summary>
public sealed class StatsBodyCache
{
    private volatile Entry? _entry;

    public byte[] Get(HardwareSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        long tenths = (long)Math.Floor(Math.Max(0, (now - snapshot.Timestamp).TotalSeconds) * 10);
        Entry? entry = _entry;
        if (entry is not null && ReferenceEquals(entry.Snapshot, snapshot) && entry.AgeTenths == tenths)
        {
            return entry.Body;
        }

        StatsResponse response = StatsMapper.Map(snapshot, snapshot.Timestamp + TimeSpan.FromSeconds(tenths / 10.0));
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(response, PiStatJson.Context.StatsResponse);
        _entry = new Entry(snapshot, tenths, body);
        return body;
    }

    private sealed record Entry(HardwareSnapshot Snapshot, long AgeTenths, byte[] Body);
}
