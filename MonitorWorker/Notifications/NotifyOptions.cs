using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Notifications;

/// <summary>Where the agent sends word of what happened, and from which severity on.</summary>
public sealed class NotifyOptions
{
    /// <summary>The severities, least first.</summary>
    public static readonly string[] Severities = ["info", "warning", "critical"];

    /// <summary>Gets or sets the targets (PISTAT_NOTIFY_URLS).</summary>
    /// <value>The default value is none: nothing is sent and nothing of notifications is loaded.</value>
    public IReadOnlyList<NotifyTarget> Targets { get; set; } = [];

    /// <summary>Gets or sets the least severity that is sent (PISTAT_NOTIFY_MIN_SEVERITY).</summary>
    /// <value>The default value is warning.</value>
    public string MinSeverity { get; set; } = "warning";

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<NotifyOptions>> Settings { get; } =
    [
        new("PISTAT_NOTIFY_URLS", "a comma-separated list of targets: http(s)://… (a JSON POST), ntfy://host/topic or ntfys://host/topic (ntfy over HTTP or HTTPS); user:password@ for a login",
            o => List(o.Targets.Select(t => t.Display)), (v, o) => NotifyTarget.TryParseList(v, out IReadOnlyList<NotifyTarget> targets, out string? error) ? Set(() => o.Targets = targets) : error)
        {
            Redact = NotifyTarget.RedactList,
        },
        new("PISTAT_NOTIFY_MIN_SEVERITY", string.Join(", ", Severities), o => o.MinSeverity,
            (v, o) => Severities.Contains(v.ToLowerInvariant()) ? Set(() => o.MinSeverity = v.ToLowerInvariant()) : $"is not one of {string.Join(", ", Severities)}"),
    ];

    /// <summary>The rank of a severity (info 0, warning 1, critical 2; an unknown one ranks as info).</summary>
    public static int Rank(string severity) => Math.Max(0, Array.IndexOf(Severities, severity));
}
