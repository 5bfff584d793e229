using System.Text.Json;
using HardwareProbes.Snapshots;
using MonitorWorker.Json;

namespace MonitorWorker.Api;

/// <summary>
/// The serialised <c>/api/status</c> body of the newest snapshot, built once per snapshot and shared by
/// <c>/api/status</c> requests and the live-push messages.
/// </summary>
public sealed class ApiStatusCache
{
    private volatile Entry? _entry;

    public byte[] Get(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Entry? entry = _entry;
        if (entry is not null && ReferenceEquals(entry.Snapshot, snapshot))
        {
            return entry.Body;
        }

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(ApiMapper.Map(snapshot), PiStatJson.Context.ApiStatusResponse);
        _entry = new Entry(snapshot, body);
        return body;
    }

    private sealed record Entry(HardwareSnapshot Snapshot, byte[] Body);
}
