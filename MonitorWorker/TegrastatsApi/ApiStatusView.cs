using System.Text.Json;
using MonitorWorker.Json;
using MonitorWorker.Sampling;

namespace MonitorWorker.TegrastatsApi;

/// <summary>
/// The <c>/api/status</c> body of one snapshot, mapped and serialised once and shared by every <c>/api/*</c> request
/// (each part endpoint answers with its piece of the mapped body) and by the live-push messages.
/// </summary>
/// <param name="Response">The mapped body.</param>
/// <param name="Body">The serialised body.</param>
public sealed record ApiStatusView(ApiStatusResponse Response, byte[] Body)
{
    /// <summary>The Tegrastats API view of a snapshot, in the service's one per-snapshot cache.</summary>
    public static readonly SnapshotView<ApiStatusView> View = new("tegrastats-api-status", (snapshot, _) =>
    {
        ApiStatusResponse response = TegrastatsApiMapper.Map(snapshot);
        return new ApiStatusView(response, JsonSerializer.SerializeToUtf8Bytes(response, TegrastatsApiJsonContext.Relaxed.ApiStatusResponse));
    });
}
