using System.Globalization;
using MonitorWorker.Metrics;

namespace MonitorWorker.Fleet;

/// <summary>
/// Re-exports the small boards' samples on this agent's <c>/metrics</c>, so one scrape of it (or its remote write)
/// carries them: each sample under its own metric name with a <c>peer</c> label (the board's host:port), and
/// <c>pistat_peer_up{peer}</c> 1 or 0 for each board. Safe with either <c>honor_labels</c> setting: a board's own
/// <c>peer</c>, <c>job</c> and <c>instance</c> labels become <c>exported_peer</c>, <c>exported_job</c> and
/// <c>exported_instance</c>. Left out: a family whose name the agent's own families use, a family another board already
/// gave with another type, the placeholder series of labels never set (every label <c>None</c>, always 0, from the
/// prometheus_express SDK), and the boards' timestamps (the scrape's time stands). A family whose samples do not fit its
/// type (the SDK's summaries, typed <c>summary</c> with bare <c>_count</c> and <c>_total</c> samples) is written
/// untyped, and so is a counter whose name does not end in <c>_total</c> (which promtool's lint asks of counters). In
/// OpenMetrics every family but a gauge is written as <c>unknown</c>, which takes any sample name.
/// </summary>
internal sealed class ExpositionWriter(FleetPoller poller) : IMetricsAppendix
{
    public void Write(TextWriter writer, bool openMetrics, IReadOnlyList<string> reservedPrefixes)
    {
        IReadOnlyList<PeerExposition> peers = poller.Expositions;
        if (peers.Count == 0)
        {
            return;
        }

        writer.Write("# HELP pistat_peer_up 1 when the board's newest poll answered with Prometheus text, 0 when it failed\n# TYPE pistat_peer_up gauge\n");
        foreach (PeerExposition peer in peers)
        {
            writer.Write("pistat_peer_up{peer=\"");
            writer.Write(Escape(peer.Name, label: true));
            writer.Write(peer.Up ? "\"} 1\n" : "\"} 0\n");
        }

        // Every family name once: the first board to give a name sets its type; a later board's samples join it when its
        // type agrees, and are left out when not.
        var families = new Dictionary<string, (ExpositionType Type, string? Help, List<(string Peer, ExpositionSample Sample)> Samples)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (PeerExposition peer in peers)
        {
            foreach (ExpositionFamily family in peer.Document?.Families ?? [])
            {
                if (reservedPrefixes.Any(p => family.Name.StartsWith(p, StringComparison.Ordinal)))
                {
                    continue;
                }

                foreach ((string name, ExpositionType type, IEnumerable<ExpositionSample> samples) in Split(family, openMetrics))
                {
                    if (!families.TryGetValue(name, out var entry))
                    {
                        entry = (type, family.Help, []);
                        families[name] = entry;
                        order.Add(name);
                    }
                    else if (entry.Type != type)
                    {
                        continue;
                    }

                    entry.Samples.AddRange(samples.Where(s => !IsPlaceholder(s)).Select(s => (peer.Name, s)));
                }
            }
        }

        foreach (string name in order)
        {
            (ExpositionType type, string? help, List<(string Peer, ExpositionSample Sample)> samples) = families[name];
            if (samples.Count == 0)
            {
                continue;
            }

            if (help is not null)
            {
                writer.Write($"# HELP {name} {Escape(help, label: false)}\n");
            }

            writer.Write($"# TYPE {name} {TypeName(type, openMetrics)}\n");
            foreach ((string peer, ExpositionSample sample) in samples)
            {
                WriteSample(writer, peer, sample);
            }
        }
    }

    /// <summary>Whether every label is the prometheus_express SDK's <c>None</c>: a series for labels never set, always 0.</summary>
    public static bool IsPlaceholder(ExpositionSample sample)
        => sample.Labels.Count > 0 && sample.Labels.All(l => l.Value == "None");

    /// <summary>
    /// A family as written: whole when its samples fit its type (and, in OpenMetrics, when it is a gauge or untyped),
    /// else one untyped family per sample name.
    /// </summary>
    private static IEnumerable<(string Name, ExpositionType Type, IEnumerable<ExpositionSample> Samples)> Split(ExpositionFamily family, bool openMetrics)
    {
        bool fits = family.Samples.All(s => Fits(family, s));
        if (fits && family.Type == ExpositionType.Counter && !family.Name.EndsWith("_total", StringComparison.Ordinal))
        {
            // promtool's lint wants a counter's name to end in _total; the board's name is kept, so its type goes.
            return [(family.Name, ExpositionType.Untyped, family.Samples)];
        }

        if (fits && (!openMetrics || family.Type is ExpositionType.Gauge or ExpositionType.Untyped))
        {
            return [(family.Name, family.Type, family.Samples)];
        }

        return family.Samples.GroupBy(s => s.Name, StringComparer.Ordinal).Select(g => (g.Key, ExpositionType.Untyped, (IEnumerable<ExpositionSample>)g));
    }

    private static bool Fits(ExpositionFamily family, ExpositionSample sample) => family.Type switch
    {
        ExpositionType.Summary => (sample.Name == family.Name && sample.Labels.Any(l => l.Key == "quantile")) || sample.Name == family.Name + "_sum" || sample.Name == family.Name + "_count",
        ExpositionType.Histogram => (sample.Name == family.Name + "_bucket" && sample.Labels.Any(l => l.Key == "le")) || sample.Name == family.Name + "_sum" || sample.Name == family.Name + "_count",
        _ => sample.Name == family.Name,
    };

    private static string TypeName(ExpositionType type, bool openMetrics) => type switch
    {
        ExpositionType.Counter => "counter",
        ExpositionType.Gauge => "gauge",
        ExpositionType.Summary => "summary",
        ExpositionType.Histogram => "histogram",
        _ => openMetrics ? "unknown" : "untyped",
    };

    private static void WriteSample(TextWriter writer, string peer, ExpositionSample sample)
    {
        writer.Write(sample.Name);
        writer.Write('{');
        foreach ((string name, string value) in sample.Labels)
        {
            writer.Write(name is "peer" or "job" or "instance" ? "exported_" + name : name);
            writer.Write("=\"");
            writer.Write(Escape(value, label: true));
            writer.Write("\",");
        }

        writer.Write("peer=\"");
        writer.Write(Escape(peer, label: true));
        writer.Write("\"} ");
        writer.Write(Value(sample.Value));
        writer.Write('\n');
    }

    public static string Value(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string text, bool label)
    {
        string escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return label ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }
}
