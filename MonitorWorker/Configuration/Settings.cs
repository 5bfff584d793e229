using System.Globalization;
using System.Net;

namespace MonitorWorker.Configuration;

/// <summary>The table of every PISTAT_ variable: the one place that knows names, defaults, parsing and allowed values.</summary>
internal static class Settings
{
    public static IReadOnlyList<Setting> All { get; } =
    [
        new("PISTAT_PORT", $"a port ({PiStatOptions.MinPort}–{PiStatOptions.MaxPort})", o => Show(o.Port),
            (v, o) => Int(v, PiStatOptions.MinPort, PiStatOptions.MaxPort, "is not a port", x => o.Port = x)),
        new("PISTAT_HOST", "an IP address, localhost, or * for every interface", o => o.Host,
            (v, o) => v == "*" || v == "localhost" || IPAddress.TryParse(v, out _) ? Set(() => o.Host = v) : "is not an IP address, localhost or *"),
        new("PISTAT_CACHE_SECONDS", $"seconds from 0 to {PiStatOptions.MaxCacheSeconds}", o => Show(o.CacheSeconds),
            (v, o) => Number(v, 0, PiStatOptions.MaxCacheSeconds, "is not a number of seconds", x => o.CacheSeconds = x)),
        new("PISTAT_DEBUG", $"a boolean ({BooleanText.Words})", o => o.Debug ? "true" : "false",
            (v, o) => Bool(v, x => o.Debug = x)),
        new("PISTAT_SAMPLE_SECONDS", $"seconds from {PiStatOptions.MinSampleSeconds} to {PiStatOptions.MaxSampleSeconds}", o => Show(o.SampleSeconds),
            (v, o) => Number(v, PiStatOptions.MinSampleSeconds, PiStatOptions.MaxSampleSeconds, "is not a number of seconds", x => o.SampleSeconds = x)),
        new("PISTAT_PROC_PATH", "an existing directory", o => o.Probes.ProcPath,
            (v, o) => Directory(v, x => o.Probes.ProcPath = x)),
        new("PISTAT_SYS_PATH", "an existing directory", o => o.Probes.SysPath,
            (v, o) => Directory(v, x => o.Probes.SysPath = x)),
        new("PISTAT_ETC_PATH", "an existing directory", o => o.Probes.EtcPath,
            (v, o) => Directory(v, x => o.Probes.EtcPath = x)),
        new("PISTAT_DISK_PATHS", "a comma-separated list of existing directories", o => string.Join(',', o.Probes.DiskPaths),
            (v, o) => Paths(v, x => o.Probes.DiskPaths = [.. x])),
        new("PISTAT_TEGRASTATS_PATH", "a path to an executable file", o => o.Probes.Tegrastats.ExecutablePath ?? "(PATH, /usr/bin)",
            (v, o) => File(v, x => o.Probes.Tegrastats.ExecutablePath = x)),
        new("PISTAT_TEGRASTATS_INTERVAL_MS", $"milliseconds from {PiStatOptions.MinTegrastatsIntervalMs} to {PiStatOptions.MaxTegrastatsIntervalMs}", o => Show(o.Probes.Tegrastats.Interval.TotalMilliseconds),
            (v, o) => Int(v, PiStatOptions.MinTegrastatsIntervalMs, PiStatOptions.MaxTegrastatsIntervalMs, "is not a number of milliseconds", x => o.Probes.Tegrastats.Interval = TimeSpan.FromMilliseconds(x))),
        new("PISTAT_VCGENCMD_PATH", "a path to an executable file", o => o.Probes.VcgencmdPath ?? "(PATH, /usr/bin, /opt/vc/bin)",
            (v, o) => File(v, x => o.Probes.VcgencmdPath = x)),
        new("PISTAT_MAX_CONNECTIONS", $"a whole number from 1 to {PiStatOptions.MaxMaxConnections}", o => Show(o.MaxConnections),
            (v, o) => Int(v, 1, PiStatOptions.MaxMaxConnections, "is not a number of connections", x => o.MaxConnections = x)),
        new("PISTAT_MAX_HTTP_CONNECTIONS", $"a whole number from {PiStatOptions.MinMaxHttpConnections} to {PiStatOptions.MaxMaxConnections}", o => Show(o.MaxHttpConnections),
            (v, o) => Int(v, PiStatOptions.MinMaxHttpConnections, PiStatOptions.MaxMaxConnections, "is not a number of connections", x => o.MaxHttpConnections = x)),
        new("PISTAT_CORS_ORIGINS", "a comma-separated list of origins such as https://grafana.example.org, or *", o => List(o.CorsOrigins),
            (v, o) => Origins(v, x => o.CorsOrigins = x)),
        new("PISTAT_API_KEY", "at least 16 characters without spaces", o => o.ApiKey is null ? "(unset)" : "(set, not shown)",
            (v, o) => v.Length >= 16 && !v.Any(char.IsWhiteSpace) ? Set(() => o.ApiKey = v) : "is not a usable key (at least 16 characters, no spaces)"),
        new("PISTAT_PEERS", "a comma-separated list of http URLs of other agents (pi-stat, piStat or a Tegrastats API server)", o => List(o.Peers.Select(p => p.ToString())),
            (v, o) => Urls(v, x => o.Peers = x)),
        new("PISTAT_PEER_INTERVAL_SECONDS", $"seconds from 1 to {PiStatOptions.MaxPeerSeconds}", o => Show(o.PeerIntervalSeconds),
            (v, o) => Number(v, 1, PiStatOptions.MaxPeerSeconds, "is not a number of seconds", x => o.PeerIntervalSeconds = x)),
        new("PISTAT_PEER_TIMEOUT_SECONDS", $"seconds from {PiStatOptions.MinPeerTimeoutSeconds} to {PiStatOptions.MaxPeerTimeoutSeconds}", o => Show(o.PeerTimeoutSeconds),
            (v, o) => Number(v, PiStatOptions.MinPeerTimeoutSeconds, PiStatOptions.MaxPeerTimeoutSeconds, "is not a number of seconds", x => o.PeerTimeoutSeconds = x)),
        new("PISTAT_PEER_API_KEY", "at least 16 characters without spaces", o => o.PeerApiKey is null ? "(unset)" : "(set, not shown)",
            (v, o) => v.Length >= 16 && !v.Any(char.IsWhiteSpace) ? Set(() => o.PeerApiKey = v) : "is not a usable key (at least 16 characters, no spaces)"),
        new("PISTAT_LABELS", "a comma-separated list of key=value pairs", o => List(o.Labels.Select(l => $"{l.Key}={l.Value}")),
            (v, o) => Labels(v, x => o.Labels = x)),
        new("PISTAT_HISTORY_SECONDS", $"seconds from 0 to {PiStatOptions.MaxHistorySeconds}", o => Show(o.HistorySeconds),
            (v, o) => Int(v, 0, PiStatOptions.MaxHistorySeconds, "is not a number of seconds", x => o.HistorySeconds = x)),
        SocketIoMs("PISTAT_SOCKETIO_PING_INTERVAL_MS", o => o.SocketIoPingIntervalMs, (o, x) => o.SocketIoPingIntervalMs = x),
        SocketIoMs("PISTAT_SOCKETIO_PING_TIMEOUT_MS", o => o.SocketIoPingTimeoutMs, (o, x) => o.SocketIoPingTimeoutMs = x),
        SocketIoMs("PISTAT_SOCKETIO_CONNECT_TIMEOUT_MS", o => o.SocketIoConnectTimeoutMs, (o, x) => o.SocketIoConnectTimeoutMs = x),
        new("PISTAT_SOCKETIO_MAX_PAYLOAD", $"bytes from {PiStatOptions.MinSocketIoPayload} to {PiStatOptions.MaxSocketIoPayload}", o => Show(o.SocketIoMaxPayload),
            (v, o) => Int(v, PiStatOptions.MinSocketIoPayload, PiStatOptions.MaxSocketIoPayload, "is not a number of bytes", x => o.SocketIoMaxPayload = x)),
        new("PISTAT_DATA_PATH", "a directory (created when missing)", o => o.DataPath ?? "($STATE_DIRECTORY, else data/ beside the program)",
            (v, o) => v.Length > 0 && v.IndexOfAny(Path.GetInvalidPathChars()) < 0 ? Set(() => o.DataPath = Path.GetFullPath(v)) : "is not a path"),
        new("PISTAT_DATA_MAX_MB", $"megabytes from 1 to {PiStatOptions.MaxDataMb}", o => Show(o.DataMaxMb),
            (v, o) => Int(v, 1, PiStatOptions.MaxDataMb, "is not a number of megabytes", x => o.DataMaxMb = x)),
        new("PISTAT_DATA_RETENTION_DAYS", $"days from 1 to {PiStatOptions.MaxRetentionDays}", o => Show(o.DataRetentionDays),
            (v, o) => Int(v, 1, PiStatOptions.MaxRetentionDays, "is not a number of days", x => o.DataRetentionDays = x)),
        new("PISTAT_PROCESS_INTERVAL_SECONDS", $"seconds from 1 to {PiStatOptions.MaxProcessIntervalSeconds}", o => Show(o.ProcessIntervalSeconds),
            (v, o) => Int(v, 1, PiStatOptions.MaxProcessIntervalSeconds, "is not a number of seconds", x => o.ProcessIntervalSeconds = x)),
        new("PISTAT_SPIKE_CPU_PERCENT", "a percentage from 1 to 100", o => Show(o.SpikeCpuPercent),
            (v, o) => Int(v, 1, 100, "is not a percentage", x => o.SpikeCpuPercent = x)),
        new("PISTAT_SPIKE_MEMORY_PERCENT", "a percentage from 1 to 100", o => Show(o.SpikeMemoryPercent),
            (v, o) => Int(v, 1, 100, "is not a percentage", x => o.SpikeMemoryPercent = x)),
        new("PISTAT_SPIKE_SAMPLES", $"samples from 1 to {PiStatOptions.MaxSpikeSamples}", o => Show(o.SpikeSamples),
            (v, o) => Int(v, 1, PiStatOptions.MaxSpikeSamples, "is not a number of samples", x => o.SpikeSamples = x)),
        new("PISTAT_DEMO", "a fixture board (raspberry-pi-4, jetson-orin-nano, x86-server, …) or a board folder with a proc/ tree", o => o.Demo ?? "(off)",
            (v, o) => Demo.DemoBoards.Find(v, out string? error) is string board ? Set(() => o.Demo = board) : error),
    ];

    private static Setting SocketIoMs(string variable, Func<PiStatOptions, int> get, Action<PiStatOptions, int> set)
        => new(variable, $"milliseconds from {PiStatOptions.MinSocketIoMs} to {PiStatOptions.MaxSocketIoMs}", o => Show(get(o)),
            (v, o) => Int(v, PiStatOptions.MinSocketIoMs, PiStatOptions.MaxSocketIoMs, "is not a number of milliseconds", x => set(o, x)));

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items) => string.Join(',', items) is { Length: > 0 } joined ? joined : "(none)";

    public static Setting? Find(string variable) => All.FirstOrDefault(s => string.Equals(s.Variable, variable, StringComparison.Ordinal));

    /// <summary>The setting whose name is within two edits of <paramref name="variable"/> (a typo such as PISTAT_PORTT), or null.</summary>
    public static string? Closest(string variable)
    {
        (string? best, int distance) = (null, 3);
        foreach (Setting setting in All)
        {
            int d = EditDistance(variable, setting.Variable);
            if (d < distance)
            {
                (best, distance) = (setting.Variable, d);
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string? Set(Action apply)
    {
        apply();
        return null;
    }

    private static string? Int(string v, int min, int max, string problem, Action<int> apply)
        => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int x) && x >= min && x <= max
            ? Set(() => apply(x))
            : $"{problem} ({min}–{max})";

    private static string? Number(string v, double min, double max, string problem, Action<double> apply)
        => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x >= min && x <= max
            ? Set(() => apply(x))
            : $"{problem} ({min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)})";

    private static string? Bool(string v, Action<bool> apply)
        => BooleanText.TryParse(v, out bool x) ? Set(() => apply(x)) : $"is not a boolean ({BooleanText.Words})";

    private static string? Directory(string v, Action<string> apply)
        => System.IO.Directory.Exists(v) ? Set(() => apply(v)) : "is not an existing directory";

    private static string? File(string v, Action<string> apply)
        => System.IO.File.Exists(v) ? Set(() => apply(v)) : "is not an existing file";

    private static string[] List(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Paths(string v, Action<IReadOnlyList<string>> apply)
    {
        string[] paths = List(v);
        string? missing = paths.FirstOrDefault(p => !System.IO.Directory.Exists(p));
        return paths.Length == 0 ? "is an empty list"
            : missing is not null ? $"names '{missing}', which is not an existing directory"
            : Set(() => apply(paths));
    }

    private static string? Origins(string v, Action<IReadOnlyList<string>> apply)
    {
        string[] origins = List(v);
        string? bad = origins.FirstOrDefault(o => o != "*" && !(Uri.TryCreate(o, UriKind.Absolute, out Uri? u) && (u.Scheme == "http" || u.Scheme == "https") && u.PathAndQuery == "/"));
        return bad is not null ? $"has '{bad}', which is not an origin (scheme://host[:port])" : Set(() => apply([.. origins.Select(o => o.TrimEnd('/'))]));
    }

    private static string? Urls(string v, Action<IReadOnlyList<Uri>> apply)
    {
        var urls = new List<Uri>();
        foreach (string item in List(v))
        {
            if (!Uri.TryCreate(item, UriKind.Absolute, out Uri? url) || url.Scheme != "http" || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                return $"has '{item}', which is not an http URL of an agent (the peers are polled over plain HTTP, like the agent serves)";
            }

            urls.Add(new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
        }

        return Set(() => apply(urls));
    }

    private static string? Labels(string v, Action<IReadOnlyDictionary<string, string>> apply)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in List(v))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                return $"has '{pair}', which is not key=value";
            }

            labels[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return Set(() => apply(labels));
    }
}
