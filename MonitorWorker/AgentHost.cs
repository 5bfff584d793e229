using MonitorWorker.AccessControl;
using MonitorWorker.Dashboard;
using MonitorWorker.Demo;
using MonitorWorker.Errors;
using MonitorWorker.Events;
using MonitorWorker.Fleet;
using MonitorWorker.Health;
using MonitorWorker.History;
using MonitorWorker.Home;
using MonitorWorker.Hosting;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Metrics;
using MonitorWorker.Mqtt;
using MonitorWorker.Notifications;
using MonitorWorker.Persistence;
using MonitorWorker.PiStatApi;
using MonitorWorker.Processes;
using MonitorWorker.Push;
using MonitorWorker.PytestMonitor;
using MonitorWorker.Sampling;
using MonitorWorker.SocketIo;
using MonitorWorker.Stats;
using MonitorWorker.TegrastatsApi;

namespace MonitorWorker;

/// <summary>The composition of the service: one registration and one mapping per feature, each in its own folder.</summary>
public static class AgentHost
{
    public static WebApplication Build(AgentOptions options, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.AddServiceHosting(options.Server);   // Hosting/: systemd or Windows service, Kestrel, logging, clock
        builder.Services.AddJsonContexts(            // Json/: each feature's own source-generated context
            ErrorsJsonContext.Relaxed, StatsJsonContext.Relaxed, HealthJsonContext.Relaxed, TegrastatsApiJsonContext.Relaxed,
            HistoryJsonContext.Relaxed, EventsJsonContext.Relaxed, FleetJsonContext.Relaxed, PytestMonitorJsonContext.Relaxed,
            ProcessesJsonContext.Relaxed, PiStatApiJsonContext.Relaxed, SocketIoJsonContext.Relaxed);
        builder.Services.AddDemo(options.Demo, options.Sampling.Probes); // Demo/: PISTAT_DEMO points the probes at a moving fixture board (before AddSampling; enforced)
        builder.Services.AddSampling(options.Sampling, options.Demo.Name); // Sampling/: probes, store, per-snapshot views, sampler, watchdog
        builder.Services.AddPush(options.Push);      // Push/: live-push hub, a snapshot subscriber
        builder.Services.AddSocketIo(options.SocketIo); // SocketIo/: Engine.IO and Socket.IO sessions, clients of the push hub
        builder.Services.AddHistory(options.History, options.Sampling); // History/: RAM tiers, a snapshot subscriber
        builder.Services.AddEvents();                // Events/: what changed between samples, a snapshot subscriber
        builder.Services.AddNotifications(options.Notify); // Notifications/: PISTAT_NOTIFY_URLS, the outbox, delivery with backoff
        builder.Services.AddMqtt(options.Mqtt);      // Mqtt/: PISTAT_MQTT_URL, state, events and Home Assistant discovery
        builder.Services.AddProcesses(options.Processes); // Processes/: the process list read only while asked, the spike detector
        builder.Services.AddFleet(options.Fleet);    // Fleet/: PISTAT_PEERS polled in the background
        builder.Services.AddDataFolder(options.Data); // Persistence/: PISTAT_DATA_PATH
        builder.Services.AddPytestMonitor(options.PytestMonitor); // PytestMonitor/: the SQLite store, its health check
        builder.Services.AddHealth();                // Health/
        builder.Services.AddPrometheusMetrics();     // Metrics/
        builder.Services.AddAccessControl(options.Access); // AccessControl/: CORS and the API key
        overrides?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        app.UseRequestLog(options.Server.Debug);     // Http/
        app.UseJsonErrors();                         // Errors/
        app.UseAccessControl();
        app.UseWebSockets();
        app.MapHome();                               // Home/: / (the dashboard for browsers, a guide for curl)
        app.MapDashboard();                          // Dashboard/: the page's embedded assets under /dashboard/
        app.MapStats();                              // Stats/: /stats
        app.MapPiStatApi();                          // PiStatApi/: piStat's /network/interfaces, /storage/devices, /system/config
        app.MapHealth();                             // Health/: /health
        app.MapTegrastatsApi();                      // TegrastatsApi/: /api/*
        app.MapPush();                               // Push/: /ws, /api/stream
        app.MapSocketIo();                           // SocketIo/: /socket.io/
        app.MapHistory();                            // History/: /api/history
        app.MapEvents();                             // Events/: /api/events
        app.MapProcesses();                          // Processes/: /api/processes, piStat's /processes
        app.MapFleet();                              // Fleet/: /api/monitoring/resources and /trends
        app.MapPytestMonitor();                      // PytestMonitor/: /api/v1 (pytest-monitor server, machine context)
        app.MapMetrics();                            // Metrics/: /metrics
        app.MapOpenApiDocument();
        return app;
    }
}
