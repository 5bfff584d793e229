namespace MonitorWorker.Service;

/// <summary>When the service started.</summary>
public sealed record StartTime(DateTimeOffset At);
