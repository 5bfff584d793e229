using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.AccessControl;
using MonitorWorker.Dashboard;
using MonitorWorker.Http;

namespace MonitorWorker.Home;

/// <summary><c>/</c>: the dashboard for browsers, a plain usage guide for curl and other clients.</summary>
public static class HomeEndpoints
{
    private static readonly (string Path, string What)[] Endpoints =
    [
        ("/stats", "hardware snapshot (piStat-compatible); ?cache=false for a fresh one, ?block=true for CPU over the next second"),
        ("/health", "service health: healthy, degraded (with reasons) or unhealthy (503)"),
        ("/api/status", "Tegrastats API: CPU cores, GPU, memory (MB), temperatures, power rails; also /api/cpu, /api/memory, /api/temperature, /api/power, /api/health"),
        ("/api/stream", "live updates as Server-Sent Events, one per sample (WebSocket: /ws; Socket.IO: /socket.io/, event tegrastats_update)"),
        ("/api/history", "series over time from RAM (per sample, 1 min, 15 min with min/avg/max); ?series=cpu.*&start=&end=&step=&page=&format=csv"),
        ("/api/monitoring/resources", "this node and every PISTAT_PEERS agent (pi-stat, piStat, Tegrastats API), polled in the background"),
        ("/api/monitoring/trends", "each node's recent CPU use and temperature, for the fleet page's sparklines"),
        ("/api/events", "what happened: Pi under-voltage and throttling starting and ending, tegrastats restarts, sources failing and recovering, CPU and memory spikes with the top processes; ?start=&end=&kind=&page="),
        ("/api/processes", "the top processes, read only while asked for; ?sort=cpu|memory|name|pid|time&limit=10 (piStat's /processes takes the same)"),
        ("/network/interfaces", "piStat's per-interface counters; also /storage/devices and /system/config"),
        ("/api/v1/context", "this machine's pytest-monitor context; /api/v1 is a pytest-monitor remote server (pytest --remote-server http://<host>:8585/api/v1)"),
        ("/metrics", "Prometheus metrics"),
        ("/openapi/v1.json", "OpenAPI description of every endpoint"),
    ];

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", ReadMethods.GetAndHead, Results<DashboardFile, ContentHttpResult> (HttpContext context) =>
        {
            bool browser = context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
            return browser ? DashboardEndpoints.Page(context) : TypedResults.Text(Text(context), "text/plain; charset=utf-8");
        })
            .WithName("GetHome")
            .WithSummary("The live dashboard for browsers (Accept: text/html); a plain-text usage guide for other clients")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "text/html")
            .OpenWithoutKey();
        return app;
    }

    /// <summary>
    /// <c>/openapi/v1.json</c>: the OpenAPI document, generated from the endpoints' metadata by ASP.NET Core's
    /// generator when the service is built and tested, and embedded; serving it costs no generator at run time.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        var document = new Lazy<byte[]>(() =>
        {
            using Stream stream = typeof(HomeEndpoints).Assembly.GetManifestResourceStream("openapi.json")
                ?? throw new InvalidOperationException("openapi.json is not embedded");
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        });
        app.MapMethods("/openapi/v1.json", ReadMethods.GetAndHead, () => Results.Bytes(document.Value, "application/json; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private static string Text(HttpContext context)
    {
        string host = $"{context.Request.Scheme}://{context.Request.Host}";
        var guide = new System.Text.StringBuilder();
        guide.AppendLine("pi-stat: hardware monitoring agent").AppendLine();
        foreach ((string path, string what) in Endpoints)
        {
            guide.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  curl {host}{path}").AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"      {what}");
        }

        return guide.ToString();
    }
}
