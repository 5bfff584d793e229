using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Configuration;

namespace MonitorWorker.Mqtt;

/// <summary>
/// MQTT and Home Assistant (PISTAT_MQTT_URL): registered only when a broker is set, so an agent without one runs none
/// of it. Cost: a state message every PISTAT_MQTT_INTERVAL_SECONDS and one message per event; discovery once per
/// connection.
/// </summary>
public static class MqttServices
{
    public static IServiceCollection AddMqtt(this IServiceCollection services, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddFeatureOptions(options);
        if (options.Broker is null)
        {
            return services;
        }

        services.AddSingleton<MqttPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<MqttPublisher>());
        services.AddHealthChecks().AddCheck<BrokerHealthCheck>("mqtt");
        return services;
    }

    /// <summary>Degraded while the broker is not connected (the agent keeps trying); the broker shown without its login.</summary>
    private sealed class BrokerHealthCheck(MqttPublisher publisher) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(publisher.Connected
                ? HealthCheckResult.Healthy("connected to the MQTT broker")
                : HealthCheckResult.Degraded("not connected to the MQTT broker; trying again with backoff"));
    }
}
