namespace MonitorWorker.Sampling;

/// <summary>
/// Who receives each snapshot as it is taken (the push hub's WebSocket, SSE and Socket.IO clients), counted for the
/// health answers without those answers knowing the push feature.
/// </summary>
public interface ILiveClients
{
    /// <summary>Gets how many clients are connected now.</summary>
    int Count { get; }
}
