using System.Text.Json;
using HardwareProbes.Snapshots;
using MonitorWorker.Json;

namespace MonitorWorker.Api;

/// <summary>
/// The <c>/api/status</c> body of the newest snapshot, mapped and serialised once per snapshot and shared by every
/// <c>/api/*</c> request (each part endpoint answers with its piece of the mapped body) and the live-push messages.
/// </summary>
public sealed class ApiStatusCache
{
    private volatile Entry? _entry;

    /// <summary>The mapped body.</summary>
    public ApiStatusResponse Response(HardwareSnapshot snapshot) => For(snapshot).Response;

    /// <summary>The serialised body.</summary>
    public byte[] Body(HardwareSnapshot snapshot) => For(snapshot).Body;

    private Entry For(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Entry? entry = _entry;
        if (entry is not null && ReferenceEquals(entry.Snapshot, snapshot))
        {
            return entry;
        }

        ApiStatusResponse response = ApiMapper.Map(snapshot);
        entry = new Entry(snapshot, response, JsonSerializer.SerializeToUtf8Bytes(response, PiStatJson.Context.ApiStatusResponse));
        _entry = entry;
        return entry;
    }

    private sealed record Entry(HardwareSnapshot Snapshot, ApiStatusResponse Response, byte[] Body);
}
