using System.Globalization;
using System.Text.Json;
using HardwareProbes.RaspberryPi;

namespace MonitorWorker.Fleet;

/// <summary>
/// Turns what an agent answers into a <see cref="FleetNode"/>: a pi-stat or original piStat <c>/stats</c> body (pi-stat's
/// carries <c>sample_age_seconds</c>), or a Tegrastats API <c>/api/status</c> body. A field the body lacks, or holds
/// as something other than a number, is null.
/// </summary>
public static class PeerParser
{
    public const string PiStat = "pi-stat";
    public const string OriginalPiStat = "pistat";
    public const string TegrastatsApi = "tegrastats-api";
    public const string Self = "self";
    public const string Prometheus = "prometheus";

    /// <summary>The most samples of one board listed in its node.</summary>
    public const int MaxGauges = 100;

    /// <summary>Whether a PISTAT_PEERS URL is a Prometheus text endpoint: one whose path ends in <c>/metrics</c> (<c>http://board:8080/metrics</c>), polled at that path.</summary>
    public static bool IsExposition(Uri peer) => peer.AbsolutePath.EndsWith("/metrics", StringComparison.Ordinal);

    /// <summary>A PISTAT_PEERS URL as it is polled: a Prometheus text endpoint at exactly its path; an agent's URL as a base its routes go under (with a final '/').</summary>
    public static Uri AsPeer(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return IsExposition(url) ? url : new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    /// <summary>
    /// A board's node from its Prometheus text: its samples as <c>gauges</c> (the SDK's placeholders of labels never set
    /// left out); the spore fields where a node_exporter's names give them (memory from <c>node_memory_MemTotal_bytes</c>
    /// and <c>node_memory_MemAvailable_bytes</c>, the first disk from <c>node_filesystem_size_bytes</c> and
    /// <c>node_filesystem_avail_bytes</c> of <c>/</c>, the host from <c>node_uname_info</c>'s <c>nodename</c>); null elsewhere.
    /// Lines the parser left out are counted in the label <c>left_out</c>, with the first's reason.
    /// </summary>
    public static FleetNode FromExposition(ExpositionDocument document, Uri url, DateTimeOffset now)
    {
        IEnumerable<(ExpositionFamily Family, ExpositionSample Sample)> all = document.Families.SelectMany(f => f.Samples.Select(s => (f, s)));
        FleetGauge[] gauges = [.. all.Where(x => !ExpositionWriter.IsPlaceholder(x.Sample)).Take(MaxGauges).Select(x => new FleetGauge(
            x.Sample.Name,
            x.Sample.Labels.GroupBy(l => l.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            double.IsFinite(x.Sample.Value) ? x.Sample.Value : null,
            x.Family.Type.ToString().ToLowerInvariant()))];
        double? Find(string name, string? mount = null) => all.FirstOrDefault(x => x.Sample.Name == name && (mount is null || x.Sample.Labels.Any(l => l.Key == "mountpoint" && l.Value == mount))).Sample?.Value is double v && double.IsFinite(v) && v >= 0 ? v : null;
        string? host = all.FirstOrDefault(x => x.Sample.Name == "node_uname_info").Sample?.Labels.FirstOrDefault(l => l.Key == "nodename").Value;
        return new FleetNode(
            Timestamp: now.ToUnixTimeSeconds(),
            NodeIp: url.Host,
            Hostname: string.IsNullOrEmpty(host) ? url.Host : host,
            Cpu: new FleetCpu(null, null, null),
            Memory: Space(Find("node_memory_MemTotal_bytes"), Find("node_memory_MemAvailable_bytes")),
            Network: new FleetNetwork(null, null, null, null, null, null),
            Flash: Space(Find("node_filesystem_size_bytes", "/"), Find("node_filesystem_avail_bytes", "/")),
            Labels: document.Problems.Count == 0
                ? new Dictionary<string, string>(StringComparer.Ordinal) { ["agent"] = Prometheus }
                : new Dictionary<string, string>(StringComparer.Ordinal) { ["agent"] = Prometheus, ["left_out"] = $"{document.Problems.Count} lines; the first: {document.Problems[0]}" },
            Throttling: new FleetThrottling(null, null),
            Status: "ok",
            Source: Prometheus,
            Url: url.ToString(),
            LastSeen: Service.Timestamps.Format(now),
            Error: null,
            Gauges: gauges);
    }

    private static FleetStorage Space(double? total, double? free)
        => total is double t && free is double f && t > 0 && f <= t
            ? new FleetStorage((long)t, (long)f, (long)(t - f), Math.Round((t - f) * 100 / t, 1))
            : new FleetStorage(null, null, null, null);

    private const long Mebibyte = 1024 * 1024;

    /// <summary>Whether a <c>/stats</c> answer looks like one (an object with <c>cpu_usage</c>), and whose.</summary>
    public static string? StatsKind(JsonElement body)
        => body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("cpu_usage", out _) ? null
            : body.TryGetProperty("sample_age_seconds", out _) ? PiStat : OriginalPiStat;

    /// <summary>Whether an <c>/api/status</c> answer looks like the Tegrastats API's (<c>cpu.cores</c>).</summary>
    public static bool IsTegrastatsStatus(JsonElement body)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("cpu", out JsonElement cpu) && cpu.ValueKind == JsonValueKind.Object
            && cpu.TryGetProperty("cores", out JsonElement cores) && cores.ValueKind == JsonValueKind.Array;

    public static FleetNode FromStats(JsonElement stats, string source, Uri? url, DateTimeOffset now)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Get(stats, "labels") is { ValueKind: JsonValueKind.Object } given)
        {
            foreach (JsonProperty label in given.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                {
                    labels[label.Name] = label.Value.GetString()!;
                }
            }
        }

        if (Text(stats, "board") is string board)
        {
            labels["board"] = board;
        }

        labels["agent"] = source == OriginalPiStat ? OriginalPiStat : $"{source} {Text(stats, "version") ?? "?"}";
        JsonElement? memory = Get(stats, "memory");
        JsonElement? disk = Get(stats, "disk");
        return new FleetNode(
            Timestamp: Number(stats, "timestamp") is double t ? (long)t : now.ToUnixTimeSeconds(),
            NodeIp: Text(stats, "ip") ?? url?.Host,
            Hostname: Text(stats, "hostname") ?? url?.Host,
            Cpu: new FleetCpu(Number(stats, "cpu_freq"), Number(stats, "cpu_usage"), Number(stats, "cpu_temp")),
            Memory: Storage(memory, "total", "available", "used", "percent"),
            Network: Network(Get(stats, "network")) with
            {
                BytesSentPerSecond = RateSum(Get(stats, "network_rates"), "tx_bytes_per_second"),
                BytesReceivedPerSecond = RateSum(Get(stats, "network_rates"), "rx_bytes_per_second"),
            },
            Flash: Storage(disk, "total", "free", "used", "percent"),
            Labels: labels,
            Throttling: Throttling(Get(stats, "power")),
            Status: "ok",
            Source: source,
            Url: url?.ToString(),
            LastSeen: Service.Timestamps.Format(now),
            Error: null,
            Gauges: SensorGauges(Get(stats, "sensors")));
    }

    /// <summary>A pi-stat node's sensor channels (<c>/stats</c> <c>sensors</c>) as gauges: <c>sensor_&lt;quantity&gt;</c> with chip, label and unit; null without any.</summary>
    private static FleetGauge[]? SensorGauges(JsonElement? sensors)
    {
        if (sensors is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            return null;
        }

        return [.. list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).Take(MaxGauges).Select(s => new FleetGauge(
            $"sensor_{Text(s, "quantity") ?? "reading"}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["chip"] = Text(s, "chip") ?? "?", ["label"] = Text(s, "label") ?? "?", ["unit"] = Text(s, "unit") ?? string.Empty },
            Number(s, "value"),
            "gauge"))];
    }

    public static FleetNode FromTegrastatsStatus(JsonElement status, Uri url, DateTimeOffset now)
    {
        double[] usage = [.. Elements(status, "cpu", "cores").Select(c => Number(c, "usage")).OfType<double>()];
        double[] freq = [.. Elements(status, "cpu", "cores").Select(c => Number(c, "freq")).OfType<double>()];
        JsonElement? ram = Get(status, "memory") is { } m ? Get(m, "ram") : null;
        long? total = ram is { } r && Number(r, "total") is double mbTotal ? (long)(mbTotal * Mebibyte) : null;
        long? used = ram is { } u && Number(u, "used") is double mbUsed ? (long)(mbUsed * Mebibyte) : null;
        double? temperature = Get(status, "temperature") is { ValueKind: JsonValueKind.Object } temps
            ? temps.EnumerateObject().Where(p => p.Name.Equals("cpu", StringComparison.OrdinalIgnoreCase)).Select(p => Finite(p.Value)).FirstOrDefault()
            : null;
        long timestamp = Text(status, "timestamp") is string iso && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at.ToUnixTimeSeconds()
            : now.ToUnixTimeSeconds();
        return new FleetNode(
            Timestamp: timestamp,
            NodeIp: url.Host,
            Hostname: url.Host,
            Cpu: new FleetCpu(freq.Length > 0 ? freq.Max() : null, usage.Length > 0 ? usage.Average() : null, temperature),
            Memory: new FleetStorage(total, total - used, used, total > 0 && used is long us ? us * 100.0 / total : null),
            Network: new FleetNetwork(null, null, null, null, null, null),
            Flash: new FleetStorage(null, null, null, null),
            Labels: new Dictionary<string, string>(StringComparer.Ordinal) { ["agent"] = TegrastatsApi },
            Throttling: new FleetThrottling(null, null),
            Status: "ok",
            Source: TegrastatsApi,
            Url: url.ToString(),
            LastSeen: Service.Timestamps.Format(now),
            Error: null);
    }

    /// <summary>
    /// The points of two series in a pi-stat <c>/api/history</c> answer, oldest first: each timestamp with the two
    /// averages (null where absent or not a number). A body not of that shape gives none.
    /// </summary>
    public static IEnumerable<(long Time, double? First, double? Second)> HistoryPoints(JsonElement history, string first, string second)
    {
        if (Get(history, "timestamps") is not { ValueKind: JsonValueKind.Array } times)
        {
            yield break;
        }

        JsonElement? series = Get(history, "series");
        JsonElement? a = series is { } s1 && Get(s1, first) is { } f ? Get(f, "avg") : null;
        JsonElement? b = series is { } s2 && Get(s2, second) is { } g ? Get(g, "avg") : null;
        int i = 0;
        foreach (JsonElement t in times.EnumerateArray())
        {
            if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out long time))
            {
                yield return (time, At(a, i), At(b, i));
            }

            i++;
        }

        static double? At(JsonElement? values, int index)
            => values is { ValueKind: JsonValueKind.Array } v && index < v.GetArrayLength() ? Finite(v[index]) : null;
    }

    /// <summary>2 × (dBm + 100), clamped to 0–100.</summary>
    public static int SignalQuality(int dbm) => Math.Clamp(2 * (dbm + 100), 0, 100);

    private static FleetThrottling Throttling(JsonElement? power)
    {
        if (power is not { ValueKind: JsonValueKind.Object } p)
        {
            return new FleetThrottling(null, null);
        }

        bool? Any(string suffix)
        {
            bool?[] flags = [.. ThrottleFlag.All.Select(c => Get(p, c.Name + suffix) is { } v && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : (bool?)null)];
            return flags.All(f => f is null) ? null : flags.Any(f => f == true);
        }

        return new FleetThrottling(Any(string.Empty), Any("_occurred"));
    }

    /// <summary>The sum of one rate over a node's interfaces other than lo; null when it gives no rates or any is unknown.</summary>
    private static double? RateSum(JsonElement? rates, string name)
    {
        if (rates is not { ValueKind: JsonValueKind.Object } interfaces)
        {
            return null;
        }

        double sum = 0;
        foreach (JsonProperty item in interfaces.EnumerateObject())
        {
            if (item.Name == "lo" || item.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (Number(item.Value, name) is not double value || value < 0)
            {
                return null;
            }

            sum += value;
        }

        return sum;
    }

    private static FleetNetwork Network(JsonElement? network)
    {
        if (network is not { ValueKind: JsonValueKind.Object } interfaces)
        {
            return new FleetNetwork(null, null, null, null, null, null);
        }

        ulong sent = 0, received = 0, packetsSent = 0, packetsReceived = 0;
        int? rssi = null;
        bool any = false;
        foreach (JsonProperty item in interfaces.EnumerateObject())
        {
            if (item.Name == "lo" || item.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            any = true;
            sent += Counter(item.Value, "bytes_sent");
            received += Counter(item.Value, "bytes_recv");
            packetsSent += Counter(item.Value, "packets_sent");
            packetsReceived += Counter(item.Value, "packets_recv");
            if (rssi is null && Number(item.Value, "signal_strength") is double dbm && dbm is >= -150 and <= 0)
            {
                rssi = (int)dbm;
            }
        }

        return any
            ? new FleetNetwork(sent, received, packetsSent, packetsReceived, rssi, rssi is int r ? SignalQuality(r) : null)
            : new FleetNetwork(null, null, null, null, null, null);
    }

    private static FleetStorage Storage(JsonElement? element, string total, string free, string used, string percent)
        => element is { ValueKind: JsonValueKind.Object } e
            ? new FleetStorage(Whole(e, total), Whole(e, free), Whole(e, used), Number(e, percent))
            : new FleetStorage(null, null, null, null);

    private static JsonElement[] Elements(JsonElement element, string outer, string inner)
        => Get(element, outer) is { } o && Get(o, inner) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];

    private static JsonElement? Get(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement element, string name) => Get(element, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static double? Number(JsonElement element, string name) => Get(element, name) is { } value ? Finite(value) : null;

    private static double? Finite(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d) ? d : null;

    private static long? Whole(JsonElement element, string name) => Number(element, name) is double d && d is >= 0 and < 9e18 ? (long)d : null;

    private static ulong Counter(JsonElement element, string name) => Number(element, name) is double d && d is >= 0 and < 1.8e19 ? (ulong)d : 0;
}
