using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Notifications;

/// <summary>Source-generated JSON for the notifications' bodies and outbox records, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(NotificationBody))]
public sealed partial class NotificationsJsonContext : JsonSerializerContext
{
    private static NotificationsJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static NotificationsJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
