using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Errors;
using MonitorWorker.History;
using MonitorWorker.Http;
using MonitorWorker.Json;
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

    public static IServiceCollection AddPytestMonitor(this IServiceCollection services)
    {
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

        v1.MapMethods("/contexts/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s) => ListContexts(c, s, null)).WithName("GetContexts").WithSummary("Every context, paged (page, per_page); 204 when none");
        v1.MapMethods("/contexts/count/", ReadMethods.GetAndHead, (PytestStore s, TimeProvider t) => Count(s, t, "contexts")).WithName("CountContexts").WithSummary("How many contexts are stored");
        v1.MapMethods("/contexts/{prefix}", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, string prefix) => ListContexts(c, s, prefix)).WithName("GetContextsByPrefix").WithSummary("The contexts whose hash starts with prefix, paged; 204 when none");
        v1.MapMethods("/contexts/{h}/metrics/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, string h) => ListMetrics(c, s, "context_h", h)).WithName("GetContextMetrics").WithSummary("The metrics of a context, paged; 204 when none");
        v1.MapMethods("/contexts/{h}/metrics/count/", ReadMethods.GetAndHead, (PytestStore s, TimeProvider t, string h) => Count(s, t, "metrics", "context_h", h)).WithName("CountContextMetrics").WithSummary("How many metrics a context has");

        v1.MapMethods("/sessions/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s) => ListSessions(c, s, null)).WithName("GetSessions").WithSummary("Every session, paged; 204 when none");
        v1.MapMethods("/sessions/count/", ReadMethods.GetAndHead, (PytestStore s, TimeProvider t) => Count(s, t, "sessions")).WithName("CountSessions").WithSummary("How many sessions are stored");
        v1.MapMethods("/sessions/{prefix}", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, string prefix) => ListSessions(c, s, prefix)).WithName("GetSessionsByPrefix").WithSummary("The sessions whose hash starts with prefix, paged; 204 when none");
        v1.MapMethods("/sessions/{h}/metrics/", ReadMethods.GetAndHead, (HttpContext c, PytestStore s, string h) => ListMetrics(c, s, "session_h", h)).WithName("GetSessionMetrics").WithSummary("The metrics of a session, paged; 204 when none");
        v1.MapMethods("/sessions/{h}/metrics/count/", ReadMethods.GetAndHead, (PytestStore s, TimeProvider t, string h) => Count(s, t, "metrics", "session_h", h)).WithName("CountSessionMetrics").WithSummary("How many metrics a session has");
        return app;
    }

    private static IResult GetContext(SnapshotStore snapshots, TimeProvider time)
    {
        if (snapshots.Latest is not { } snapshot)
        {
            return ErrorResponse.Result("No data available: the first sample has not been taken yet", StatusCodes.Status503ServiceUnavailable, time);
        }

        return TypedResults.Json(MachineContext.From(snapshot, Service.ServiceIdentity.Hostname, KernelReleaseOnce.Value, RuntimeInfo()), PiStatJson.Context.MachineContext);
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

    private static async Task<IResult> PostContextAsync(HttpContext http, PytestStore store, TimeProvider time)
    {
        (Fields? body, IResult? error) = await ReadAsync(http, time).ConfigureAwait(false);
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

        return await WriteAsync(store, time, (c, t) => TypedResults.Json(PytestQueries.InsertContext(c, t, context, store.Now), PiStatJson.Context.StoredContext, statusCode: StatusCodes.Status201Created), http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> PostSessionAsync(HttpContext http, PytestStore store, TimeProvider time)
    {
        (Fields? body, IResult? error) = await ReadAsync(http, time).ConfigureAwait(false);
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

        return await WriteAsync(store, time, (c, t) => TypedResults.Json(PytestQueries.InsertSession(c, t, h, runDate, scm, description, store.Now), PiStatJson.Context.StoredSession, statusCode: StatusCodes.Status201Created), http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> PostMetricAsync(HttpContext http, PytestStore store, HistoryStore history, TimeProvider time)
    {
        (Fields? body, IResult? error) = await ReadAsync(http, time).ConfigureAwait(false);
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
        return await WriteAsync(store, time, (c, t) =>
        {
            string? missing = !PytestQueries.Exists(c, "sessions", session) ? $"Unknown session_h '{session}': POST /api/v1/sessions/ first"
                : !PytestQueries.Exists(c, "contexts", context) ? $"Unknown context_h '{context}': POST /api/v1/contexts/ first"
                : null;
            if (missing is not null)
            {
                return ErrorResponse.Result(missing, StatusCodes.Status404NotFound, time);
            }

            PytestQueries.InsertMetric(c, t, metric, store.Now);
            return (IResult)TypedResults.Json(metric, PiStatJson.Context.StoredMetric, statusCode: StatusCodes.Status201Created);
        }, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> WriteAsync(PytestStore store, TimeProvider time, Func<SqliteConnection, SqliteTransaction, IResult> write, CancellationToken cancellationToken)
    {
        try
        {
            return await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            return Unavailable(e, time);
        }
    }

    private static JsonHttpResult<ErrorResponse> Unavailable(StoreUnavailableException e, TimeProvider time)
        => ErrorResponse.Result($"The pytest-monitor store is unavailable; nothing was stored: {e.Message}", StatusCodes.Status503ServiceUnavailable, time);

    private static IResult Count(PytestStore store, TimeProvider time, string table, string? column = null, string? h = null)
    {
        try
        {
            long count = store.Read(c => column is null ? PytestQueries.Count(c, table) : PytestQueries.Count(c, table, $"WHERE {column} = $h", ("$h", h)));
            return TypedResults.Json(new CountResponse(count), PiStatJson.Context.CountResponse);
        }
        catch (StoreUnavailableException e)
        {
            return Unavailable(e, time);
        }
    }

    private static IResult ListContexts(HttpContext http, PytestStore store, string? prefix)
        => Page(http, store, "contexts", prefix is null ? "" : "WHERE h LIKE $p ESCAPE '\\'", Like(prefix),
            (c, where, p, limit, offset) => PytestQueries.Contexts(c, where, p, limit, offset),
            (items, prev, next, total) => TypedResults.Json(new ContextPage(items, prev, next, total), PiStatJson.Context.ContextPage));

    private static IResult ListSessions(HttpContext http, PytestStore store, string? prefix)
        => Page(http, store, "sessions", prefix is null ? "" : "WHERE h LIKE $p ESCAPE '\\'", Like(prefix),
            (c, where, p, limit, offset) => PytestQueries.Sessions(c, where, p, limit, offset),
            (items, prev, next, total) => TypedResults.Json(new SessionPage(items, prev, next, total), PiStatJson.Context.SessionPage));

    private static IResult ListMetrics(HttpContext http, PytestStore store, string column, string h)
        => Page(http, store, "metrics", $"WHERE {column} = $p", [("$p", h)],
            (c, where, p, limit, offset) => PytestQueries.Metrics(c, where, p, limit, offset),
            (items, prev, next, total) => TypedResults.Json(new MetricPage(items, prev, next, total), PiStatJson.Context.MetricPage));

    private static (string, object?)[] Like(string? prefix)
        => prefix is null ? [] : [("$p", prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%")];

    /// <summary>One page (<c>page</c> from 1, <c>per_page</c> up to 500) with the links of its neighbours; 204 when it is empty.</summary>
    private static IResult Page<T>(
        HttpContext http, PytestStore store, string table, string where, (string, object?)[] parameters,
        Func<SqliteConnection, string, (string, object?)[], int, int, List<T>> read,
        Func<List<T>, string?, string?, int, IResult> answer)
    {
        TimeProvider time = http.RequestServices.GetRequiredService<TimeProvider>();
        if (!TryQueryInt(http, "page", 1, int.MaxValue, 1, out int page, out string? problem)
            || !TryQueryInt(http, "per_page", 1, MaxPerPage, DefaultPerPage, out int perPage, out problem))
        {
            return ErrorResponse.Result(problem!, StatusCodes.Status400BadRequest, time);
        }

        try
        {
            (long total, List<T> items) = store.Read(c =>
            {
                long count = PytestQueries.Count(c, table, where, parameters);
                long offset = (long)(page - 1) * perPage;
                return (count, offset >= count ? [] : read(c, where, parameters, perPage, (int)offset));
            });
            if (items.Count == 0)
            {
                return TypedResults.NoContent();
            }

            int pages = (int)((total + perPage - 1) / perPage);
            string path = http.Request.Path;
            string? Link(int p) => p < 1 || p > pages ? null : $"{path}?page={p}" + (perPage == DefaultPerPage ? "" : $"&per_page={perPage}");
            return answer(items, Link(page - 1), Link(page + 1), pages);
        }
        catch (StoreUnavailableException e)
        {
            return Unavailable(e, time);
        }
    }

    private static bool TryQueryInt(HttpContext http, string name, int min, int max, int fallback, out int value, out string? problem)
    {
        problem = null;
        value = fallback;
        string? text = http.Request.Query[name];
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            problem = $"{name} must be a whole number from {min} to {max}, not '{text}'";
            return false;
        }

        return true;
    }

    /// <summary>The JSON object of a POST body, or the error answer: 413 over <see cref="MaxBodyBytes"/>, 400 for anything but a JSON object.</summary>
    private static async Task<(Fields? Body, IResult? Error)> ReadAsync(HttpContext http, TimeProvider time)
    {
        byte[]? bytes = await Http.BoundedBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, ErrorResponse.Result($"The body is over {MaxBodyBytes} bytes", StatusCodes.Status413PayloadTooLarge, time));
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ErrorResponse.Result($"The body must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}", StatusCodes.Status400BadRequest, time));
            }

            return (new Fields(document.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, ErrorResponse.Result($"The body is not JSON: {e.Message}", StatusCodes.Status400BadRequest, time));
        }
    }

    /// <summary>The fields of a body, read with their types checked; every problem is collected, so one answer names them all.</summary>
    private sealed class Fields(JsonElement root)
    {
        private readonly List<string> _problems = [];
        private readonly Dictionary<string, string> _otherSpellings = new(StringComparer.Ordinal);

        /// <summary>
        /// The spelling of a field the body uses: <paramref name="name"/> when present, else the first of
        /// <paramref name="others"/> present, else <paramref name="name"/> (whose absence then names the others too).
        /// </summary>
        public string Spelled(string name, params string[] others)
        {
            if (root.TryGetProperty(name, out _))
            {
                return name;
            }

            foreach (string other in others)
            {
                if (root.TryGetProperty(other, out _))
                {
                    return other;
                }
            }

            _otherSpellings[name] = string.Join(" or ", others);
            return name;
        }

        private string Missing(string name) => _otherSpellings.TryGetValue(name, out string? others) ? $"{name} (or {others}) is missing" : $"{name} is missing";

        public JsonHttpResult<ErrorResponse>? Problem(TimeProvider time)
            => _problems.Count == 0 ? null : ErrorResponse.Result("Bad body, nothing stored: " + string.Join("; ", _problems), StatusCodes.Status400BadRequest, time);

        public string Text(string name, bool required = true, bool allowEmpty = false, int maxLength = MaxTextLength)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    _problems.Add(Missing(name));
                }

                return "";
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                _problems.Add($"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}");
                return "";
            }

            string text = value.GetString()!;
            if (!allowEmpty && text.Length == 0)
            {
                _problems.Add($"{name} is empty");
            }
            else if (text.Length > maxLength)
            {
                _problems.Add($"{name} is longer than {maxLength} characters");
            }

            return text;
        }

        public double Number(string name, double min, double max)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                _problems.Add(Missing(name));
                return 0;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                _problems.Add($"{name} must be a number, not {value.ValueKind.ToString().ToLowerInvariant()}");
                return 0;
            }

            if (number < min || number > max)
            {
                _problems.Add($"{name} {number.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            }

            return number;
        }

        public long Integer(string name, long min, long max)
        {
            double number = Number(name, min, max);
            if (number != Math.Floor(number))
            {
                _problems.Add($"{name} must be a whole number");
            }

            return (long)number;
        }

        /// <summary>An ISO-8601 time; one without an offset is this agent's local time, as pytest-monitor writes it.</summary>
        public DateTimeOffset? Time(string name)
        {
            if (root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                if (DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTimeOffset time))
                {
                    return time;
                }

                _problems.Add($"{name} '{value.GetString()}' is not an ISO-8601 time");
            }

            return null;
        }

        /// <summary>A JSON object whose values are strings, numbers or booleans (the session description), as compact JSON.</summary>
        public string FlatObject(string name)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Object)
            {
                _problems.Add(root.TryGetProperty(name, out _) ? $"{name} must be an object of tags" : $"{name} is missing");
                return "{}";
            }

            foreach (JsonProperty tag in value.EnumerateObject())
            {
                if (tag.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    _problems.Add($"{name}.{tag.Name} must be a string, number or boolean (tags are one level deep)");
                }
                else if (tag.Value.GetRawText().Length > MaxTextLength)
                {
                    _problems.Add($"{name}.{tag.Name} is longer than {MaxTextLength} characters");
                }
            }

            return value.GetRawText();
        }
    }

    /// <summary>Degraded, with the reason, while the pytest-monitor store cannot be used; the rest of the agent is unaffected.</summary>
    internal sealed class PytestStoreHealthCheck(PytestStore store) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(store.FailureCause is { } cause
                ? HealthCheckResult.Degraded($"pytest-monitor server unavailable: its database cannot be used ({cause})")
                : HealthCheckResult.Healthy());
    }
}
