using System.Net;
using Microsoft.Extensions.Hosting.Systemd;
using MonitorWorker.Configuration;
using MonitorWorker.Service;

namespace MonitorWorker.Hosting;

/// <summary>How the service runs: under systemd (notify, journal) or as a Windows service, its Kestrel listener and its logging.</summary>
public static class ServiceHosting
{
    public static WebApplicationBuilder AddServiceHosting(this WebApplicationBuilder builder, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = ServiceIdentity.Name);
        AddNotifyWithoutSystemdParent(builder.Services);
        ConfigureLogging(builder.Logging, options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Connections beyond the limit are closed at once instead of each holding buffers: a burst of thousands costs
            // refusals, not memory (PISTAT_MAX_HTTP_CONNECTIONS).
            kestrel.Limits.MaxConcurrentConnections = options.MaxHttpConnections;
            Listen(kestrel, options);
        });
        builder.Services.AddFeatureOptions(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new StartTime(DateTimeOffset.UtcNow));
        return builder;
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, ServerOptions options)
    {
        switch (options.Host)
        {
            case "*":
                kestrel.ListenAnyIP(options.Port);
                break;
            case "localhost":
                kestrel.ListenLocalhost(options.Port);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
                break;
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ServerOptions options)
    {
        logging.SetMinimumLevel(options.Debug ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", options.Debug ? LogLevel.Information : LogLevel.Warning);

        // Hosting's own request lines carry the URL as sent, query and all, key included when a client puts it there;
        // RequestLog writes them instead, with such values redacted.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        // A start that fails (a port in use) is reported by the command line in one line; the host's own error entry
        // repeats it with a stack trace. With PISTAT_DEBUG it is kept.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", options.Debug ? LogLevel.Debug : LogLevel.Critical);

        // Kestrel warns once per connection refused over PISTAT_MAX_HTTP_CONNECTIONS: a burst of thousands would be
        // thousands of journal lines, costing more than the refusals themselves.
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", options.Debug ? LogLevel.Information : LogLevel.Error);
        if (!SystemdHelpers.IsSystemdService())
        {
            // Under systemd AddSystemd() installs the journal formatter (priority prefixes, one line per entry).
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }
    }

    /// <summary>
    /// Under systemd, AddSystemd() sends READY=1 and registers the notifier. A service started some other way with
    /// NOTIFY_SOCKET set (a container with --sdnotify, or a supervisor speaking the protocol) gets the same.
    /// </summary>
    private static void AddNotifyWithoutSystemdParent(IServiceCollection services)
    {
        if (SystemdHelpers.IsSystemdService() || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
        {
            return;
        }

        services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddHostedService<ReadyNotifier>();
    }

    /// <summary>Sends READY=1 once the server listens, and STOPPING=1 on shutdown.</summary>
    private sealed class ReadyNotifier(ISystemdNotifier notifier, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() => notifier.Notify(ServiceState.Ready));
            lifetime.ApplicationStopping.Register(() => notifier.Notify(ServiceState.Stopping));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
