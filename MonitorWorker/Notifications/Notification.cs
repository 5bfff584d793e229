namespace MonitorWorker.Notifications;

/// <summary>
/// One message to one target, as the outbox keeps it: who sends it, how serious, what kind of event, a title and a
/// sentence for a person, when (Unix seconds), the readings at that moment, and the target's <see cref="NotifyTarget.Key"/>.
/// </summary>
public sealed record Notification(
    string Id,
    string Target,
    long Time,
    string Node,
    string Severity,
    string Kind,
    string Subject,
    string Title,
    string Message,
    NotificationReadings? Readings);

/// <summary>The readings when the event happened; null where the board has none.</summary>
public sealed record NotificationReadings(
    double? CpuPercent,
    double? CpuTemperatureCelsius,
    double? MemoryPercent,
    double? LoadOneMinute,
    bool? UnderVoltage,
    bool? Throttled);

/// <summary>A JSON target's body: <see cref="Notification"/> without the outbox's fields, the time as ISO 8601 UTC.</summary>
public sealed record NotificationBody(string Node, string Severity, string Kind, string Subject, string Title, string Message, string Time, NotificationReadings? Readings);
