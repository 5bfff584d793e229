namespace MonitorWorker.Health;

/// <summary>When the service started.</summary>
public sealed record StartTime(DateTimeOffset At);
