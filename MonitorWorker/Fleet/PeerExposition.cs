namespace MonitorWorker.Fleet;

/// <summary>A small board's newest answer: its name (host:port) on <c>/metrics</c>, whether the newest poll answered, and the families of the last answer.</summary>
internal sealed record PeerExposition(string Name, bool Up, ExpositionDocument? Document);
