using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Persistence;

namespace MonitorWorker.Notifications;

/// <summary>
/// Notifications (PISTAT_NOTIFY_URLS): registered only when targets are set, so an agent without them loads nothing of
/// them. Cost: a channel write per event; per message one appended record and one HTTP request (more while a target
/// is down, backing off to one every 10 minutes).
/// </summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, NotifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddFeatureOptions(options);
        if (options.Targets.Count == 0)
        {
            return services;
        }

        services.AddSingleton(provider => new NotificationOutbox(
            Path.Combine(provider.GetRequiredService<IOptions<DataOptions>>().Value.Folder, "notifications"),
            options.Targets,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<NotificationOutbox>>()));
        services.AddHostedService<NotificationService>();
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("notifications");
        return services;
    }

    /// <summary>Degraded while messages wait for delivery: how many, and since when; never a target's URL.</summary>
    private sealed class OutboxHealthCheck(NotificationOutbox outbox) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            int waiting = outbox.Waiting;
            string where = outbox.OnDisk ? "outbox on disk" : "outbox in RAM only";
            return Task.FromResult(waiting == 0
                ? HealthCheckResult.Healthy($"0 notifications waiting ({where})")
                : HealthCheckResult.Degraded($"{waiting} notifications waiting for delivery since {DateTimeOffset.FromUnixTimeSeconds(outbox.OldestCreated ?? 0):yyyy-MM-dd HH:mm} UTC ({where})"));
        }
    }
}
