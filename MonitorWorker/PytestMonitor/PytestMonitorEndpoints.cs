using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;
using MonitorWorker.History;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Persistence;
using MonitorWorker.Sampling;
using MonitorWorker.Service;

namespace MonitorWorker.PytestMonitor;

/// <summary>
/// Under <c>/api/v1</c>: the pytest-monitor remote server (<c>pytest --remote-server http://agent:8585/api/v1</c>) — the
/// routes its client uses and the read side of the pytest-monitor server API — with what the agent saw during each
/// test stored beside its metrics; and <c>/api/v1/context</c>, this machine's context with a stable hash.
/// </summary>
public static class PytestMonitorEndpoints
{
    /// <summary>The largest body a POST may carry: a context, session or metric is well under 4 KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The longest text field kept.</summary>
    public const int MaxTextLength = 4096;

    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 500;

    public static IServiceCollection AddPytestMonitor(this IServiceCollection services, PytestMonitorOptions options)
    {
        services.AddFeatureOptions(options);
        services.AddSingleton<PytestStore>();
        services.AddHealthChecks().AddCheck<PytestStoreHealthCheck>("pytest-monitor");
        return services;
    }

    public static IEndpointRouteBuilder MapPytestMonitor(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder v1 = app.MapGroup("/api/v1");
        v1.MapMethods("/context", ReadMethods.GetAndHead, GetContext)
            .WithName("GetMachineContext")
            .WithSummary("This machine's pytest-monitor execution context; h is stable across runs, reboots and power modes (the nominal maximum CPU frequency, not the current)");

        v1.MapPost("/contexts/", PostContextAsync).WithName("PostContext").WithSummary("pytest-monitor: store an execution context (201 with it)");
        v1.MapPost("/sessions/", PostSessionAsync).WithName("PostSession").WithSummary("pytest-monitor: store a session (201 with it)");
        v1.MapPost("/metrics/", PostMetricAsync).WithName("PostMetric").WithSummary("pytest-monitor: store one test's metrics (201 with them and the hardware seen during the test)");

        v1.MapMethods("/contexts/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t) => ListContexts(c, s, t, null)).Produces<ContextPage>(StatusCodes.Status200OK, "application/json").WithName("GetContexts").WithSummary("Every context, paged (page, per_page); 204 when none");
        v1.MapMethods("/contexts/count/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t) => Count(c, t, s.CountContexts)).Produces<CountResponse>(StatusCodes.Status200OK, "application/json").WithName("CountContexts").WithSummary("How many contexts are stored");
        v1.MapMethods("/contexts/{prefix}", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t, string prefix) => ListContexts(c, s, t, prefix)).Produces<ContextPage>(StatusCodes.Status200OK, "application/json").WithName("GetContextsByPrefix").WithSummary("The contexts whose hash starts with prefix, paged; 204 when none");
        v1.MapMethods("/contexts/{h}/metrics/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t, string h) => ListMetrics(c, s, t, MetricsOf.Context, h)).Produces<MetricPage>(StatusCodes.Status200OK, "application/json").WithName("GetContextMetrics").WithSummary("The metrics of a context, paged; 204 when none");
        v1.MapMethods("/contexts/{h}/metrics/count/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t, string h) => Count(c, t, () => s.CountMetrics(MetricsOf.Context, h))).Produces<CountResponse>(StatusCodes.Status200OK, "application/json").WithName("CountContextMetrics").WithSummary("How many metrics a context has");

        v1.MapMethods("/sessions/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t) => ListSessions(c, s, t, null)).Produces<SessionPage>(StatusCodes.Status200OK, "application/json").WithName("GetSessions").WithSummary("Every session, paged; 204 when none");
        v1.MapMethods("/sessions/count/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t) => Count(c, t, s.CountSessions)).Produces<CountResponse>(StatusCodes.Status200OK, "application/json").WithName("CountSessions").WithSummary("How many sessions are stored");
        v1.MapMethods("/sessions/{prefix}", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t, string prefix) => ListSessions(c, s, t, prefix)).Produces<SessionPage>(StatusCodes.Status200OK, "application/json").WithName("GetSessionsByPrefix").WithSummary("The sessions whose hash starts with prefix, paged; 204 when none");
        v1.MapMethods("/sessions/{h}/metrics/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t, string h) => ListMetrics(c, s, t, MetricsOf.Session, h)).Produces<MetricPage>(StatusCodes.Status200OK, "application/json").WithName("GetSessionMetrics").WithSummary("The metrics of a session, paged; 204 when none");
        v1.MapMethods("/sessions/{h}/metrics/count/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, TimeProvider t, string h) => Count(c, t, () => s.CountMetrics(MetricsOf.Session, h))).Produces<CountResponse>(StatusCodes.Status200OK, "application/json").WithName("CountSessionMetrics").WithSummary("How many metrics a session has");
        return app;
    }

    private static Results<JsonHttpResult<MachineContext>, JsonHttpResult<ErrorResponse>> GetContext(HttpContext http, SnapshotStore snapshots, TimeProvider time)
    {
        if (snapshots.Latest is not { } snapshot)
        {
            return Unavailable.Answer(http, "No data available: the first sample has not been taken yet", time);
        }

        return TypedResults.Json(MachineContext.From(snapshot, Service.ServiceIdentity.Hostname, KernelReleaseOnce.Value, RuntimeInfo()), PytestMonitorJsonContext.Relaxed.MachineContext);
    }

    private static string RuntimeInfo() => $"pi-stat {Service.ServiceIdentity.Version} on .NET {Environment.Version}";

    private static readonly Lazy<string> KernelReleaseOnce = new(KernelRelease);

    private static string KernelRelease()
    {
        try
        {
            if (File.Exists("/proc/sys/kernel/osrelease"))
            {
                return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            }
        }
        catch (IOException)
        {
        }

        return Environment.OSVersion.Version.ToString();
    }

    private static async Task<Results<JsonHttpResult<StoredContext>, JsonHttpResult<ErrorResponse>>> PostContextAsync(HttpContext http, PytestStore store, TimeProvider time)
    {
        (PostedBody.Fields? body, JsonHttpResult<ErrorResponse>? error) = await PostedBody.ReadAsync(http, time).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        // pytest-monitor sends the long names; the remote server's API document spells six of them short (and one of
        // those twice, max_arch in its example, mac_arch in its table), as its own server accepts them. Either is read;
        // answers use the long names.
        var context = new StoredContext(
            body.Text("h", maxLength: 128), (int)body.Integer("cpu_count", 1, 65_536), body.Number(body.Spelled("cpu_frequency", "cpu_freq"), 0, 1_000_000),
            body.Text("cpu_type", allowEmpty: true), body.Text("cpu_vendor", required: false, allowEmpty: true), body.Integer("ram_total", 0, 1L << 40),
            body.Text(body.Spelled("machine_node", "mac_node"), allowEmpty: true), body.Text(body.Spelled("machine_type", "mac_type"), allowEmpty: true),
            body.Text(body.Spelled("machine_arch", "mac_arch", "max_arch"), allowEmpty: true), body.Text(body.Spelled("system_info", "sys_info"), allowEmpty: true),
            body.Text(body.Spelled("python_info", "py_info"), allowEmpty: true));
        if (body.Problem(time) is { } problem)
        {
            return problem;
        }

        try
        {
            StoredContext stored = await store.AddContextAsync(context, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(stored, PytestMonitorJsonContext.Relaxed.StoredContext, statusCode: StatusCodes.Status201Created);
        }
        catch (StoreUnavailableException e)
        {
            return StoreUnavailable(http, e, time);
        }
    }

    private static async Task<Results<JsonHttpResult<StoredSession>, JsonHttpResult<ErrorResponse>>> PostSessionAsync(HttpContext http, PytestStore store, TimeProvider time)
    {
        (PostedBody.Fields? body, JsonHttpResult<ErrorResponse>? error) = await PostedBody.ReadAsync(http, time).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        string h = body.Text("session_h", maxLength: 128);
        string runDate = body.Text("run_date");
        _ = body.Time("run_date");
        string scm = body.Text("scm_ref", required: false, allowEmpty: true);
        string description = body.FlatObject("description");
        if (body.Problem(time) is { } problem)
        {
            return problem;
        }

        try
        {
            StoredSession stored = await store.AddSessionAsync(h, runDate, scm, description, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(stored, PytestMonitorJsonContext.Relaxed.StoredSession, statusCode: StatusCodes.Status201Created);
        }
        catch (StoreUnavailableException e)
        {
            return StoreUnavailable(http, e, time);
        }
    }

    private static async Task<Results<JsonHttpResult<StoredMetric>, JsonHttpResult<ErrorResponse>>> PostMetricAsync(HttpContext http, PytestStore store, HistoryStore history, TimeProvider time)
    {
        (PostedBody.Fields? body, JsonHttpResult<ErrorResponse>? error) = await PostedBody.ReadAsync(http, time).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        string session = body.Text("session_h", maxLength: 128);
        string context = body.Text("context_h", maxLength: 128);
        string startText = body.Text("item_start_time");
        DateTimeOffset? start = body.Time("item_start_time");
        string itemPath = body.Text("item_path", allowEmpty: true);
        string item = body.Text("item");
        string variant = body.Text("item_variant", allowEmpty: true);
        string location = body.Text("item_fs_loc", allowEmpty: true);
        string kind = body.Text("kind");
        string component = body.Text("component", allowEmpty: true);
        double total = body.Number("total_time", 0, 1e7);
        double user = body.Number("user_time", 0, 1e9);
        double kernel = body.Number("kernel_time", 0, 1e9);
        double cpu = body.Number("cpu_usage", 0, 1e6);
        double memory = body.Number("mem_usage", -1e9, 1e9);
        if (body.Problem(time) is { } problem)
        {
            return problem;
        }

        double from = Timestamps.UnixSeconds(start!.Value);
        HardwareDuringTest hardware = HardwareDuringTest.Read(history, from, from + total);
        var metric = new StoredMetric(session, context, startText, itemPath, item, variant, location, kind, component, total, user, kernel, cpu, memory, hardware);
        try
        {
            return await store.AddMetricAsync(metric, http.RequestAborted).ConfigureAwait(false) switch
            {
                MetricOutcome.UnknownSession => ErrorResponse.Result($"Unknown session_h '{session}': POST /api/v1/sessions/ first", StatusCodes.Status404NotFound, time),
                MetricOutcome.UnknownContext => ErrorResponse.Result($"Unknown context_h '{context}': POST /api/v1/contexts/ first", StatusCodes.Status404NotFound, time),
                _ => TypedResults.Json(metric, PytestMonitorJsonContext.Relaxed.StoredMetric, statusCode: StatusCodes.Status201Created),
            };
        }
        catch (StoreUnavailableException e)
        {
            return StoreUnavailable(http, e, time);
        }
    }

    private static JsonHttpResult<ErrorResponse> StoreUnavailable(HttpContext http, StoreUnavailableException e, TimeProvider time)
        => Unavailable.Answer(http, $"The pytest-monitor store is unavailable; nothing was stored: {e.Message}", time, Unavailable.StoreRetrySeconds);

    private static Results<JsonHttpResult<CountResponse>, JsonHttpResult<ErrorResponse>> Count(HttpContext http, TimeProvider time, Func<long> count)
    {
        try
        {
            return TypedResults.Json(new CountResponse(count()), PytestMonitorJsonContext.Relaxed.CountResponse);
        }
        catch (StoreUnavailableException e)
        {
            return StoreUnavailable(http, e, time);
        }
    }

    private static Results<JsonHttpResult<ContextPage>, NoContent, JsonHttpResult<ErrorResponse>> ListContexts(HttpContext http, PytestStore store, TimeProvider time, string? prefix)
        => Page(http, time, (limit, offset) => store.Contexts(prefix, limit, offset), (items, prev, next, total) => TypedResults.Json(new ContextPage(items, prev, next, total), PytestMonitorJsonContext.Relaxed.ContextPage));

    private static Results<JsonHttpResult<SessionPage>, NoContent, JsonHttpResult<ErrorResponse>> ListSessions(HttpContext http, PytestStore store, TimeProvider time, string? prefix)
        => Page(http, time, (limit, offset) => store.Sessions(prefix, limit, offset), (items, prev, next, total) => TypedResults.Json(new SessionPage(items, prev, next, total), PytestMonitorJsonContext.Relaxed.SessionPage));

    private static Results<JsonHttpResult<MetricPage>, NoContent, JsonHttpResult<ErrorResponse>> ListMetrics(HttpContext http, PytestStore store, TimeProvider time, MetricsOf of, string h)
        => Page(http, time, (limit, offset) => store.Metrics(of, h, limit, offset), (items, prev, next, total) => TypedResults.Json(new MetricPage(items, prev, next, total), PytestMonitorJsonContext.Relaxed.MetricPage));

    /// <summary>One page (<c>page</c> from 1, <c>per_page</c> up to 500) with the links of its neighbours; 204 when it is empty.</summary>
    private static Results<JsonHttpResult<TPage>, NoContent, JsonHttpResult<ErrorResponse>> Page<T, TPage>(
        HttpContext http, TimeProvider time, Func<int, long, (long Total, List<T> Items)> read, Func<List<T>, string?, string?, int, JsonHttpResult<TPage>> answer)
    {
        IQueryCollection query = http.Request.Query;
        if (!QueryValues.TryWholeNumber(query, "page", 1, 1, int.MaxValue, out long page, out string? problem)
            || !QueryValues.TryWholeNumber(query, "per_page", DefaultPerPage, 1, MaxPerPage, out long perPage, out problem))
        {
            return ErrorResponse.Result(problem, StatusCodes.Status400BadRequest, time);
        }

        try
        {
            (long total, List<T> items) = read((int)perPage, (page - 1) * perPage);
            if (items.Count == 0)
            {
                return TypedResults.NoContent();
            }

            int pages = (int)((total + perPage - 1) / perPage);
            string path = http.Request.Path;
            string? Link(long p) => p < 1 || p > pages ? null : $"{path}?page={p}" + (perPage == DefaultPerPage ? "" : $"&per_page={perPage}");
            return answer(items, Link(page - 1), Link(page + 1), pages);
        }
        catch (StoreUnavailableException e)
        {
            return StoreUnavailable(http, e, time);
        }
    }
}
