using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Fleet;

/// <summary>The other agents this one polls for the fleet view, how often, how patiently, and with what key.</summary>
public sealed class FleetOptions
{
    public const double MaxPeerSeconds = 3600;
    public const double MinPeerTimeoutSeconds = 0.1;
    public const double MaxPeerTimeoutSeconds = 60;

    /// <value>The default value is none.</value>
    public IReadOnlyList<Uri> Peers { get; set; } = [];

    /// <summary>Gets or sets the seconds between two polls of the peers (PISTAT_PEER_INTERVAL_SECONDS).</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(1, MaxPeerSeconds)]
    public double PeerIntervalSeconds { get; set; } = 10;

    /// <summary>Gets or sets how long one peer may take to answer (PISTAT_PEER_TIMEOUT_SECONDS).</summary>
    /// <value>The default value is 3 seconds.</value>
    [Range(MinPeerTimeoutSeconds, MaxPeerTimeoutSeconds)]
    public double PeerTimeoutSeconds { get; set; } = 3;

    /// <summary>Gets or sets the key sent to peers that ask for one (PISTAT_PEER_API_KEY).</summary>
    /// <value>The default value is null: none sent.</value>
    public string? PeerApiKey { get; set; }

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<FleetOptions>> Settings { get; } =
    [
        new("PISTAT_PEERS", "a comma-separated list of http URLs of other agents (pi-stat, piStat or a Tegrastats API server), or of Prometheus text endpoints ending in /metrics (http://board:8080/metrics: a microcontroller board, ESPHome, Tasmota, any exporter)", o => List(o.Peers.Select(p => p.ToString())),
            (v, o) => Urls(v, x => o.Peers = [.. x.Select(PeerParser.AsPeer)])),
        new("PISTAT_PEER_INTERVAL_SECONDS", $"seconds from 1 to {MaxPeerSeconds}", o => Show(o.PeerIntervalSeconds),
            (v, o) => Number(v, 1, MaxPeerSeconds, "is not a number of seconds", x => o.PeerIntervalSeconds = x)),
        new("PISTAT_PEER_TIMEOUT_SECONDS", $"seconds from {MinPeerTimeoutSeconds} to {MaxPeerTimeoutSeconds}", o => Show(o.PeerTimeoutSeconds),
            (v, o) => Number(v, MinPeerTimeoutSeconds, MaxPeerTimeoutSeconds, "is not a number of seconds", x => o.PeerTimeoutSeconds = x)),
        new("PISTAT_PEER_API_KEY", KeyAllowed, o => ShowKey(o.PeerApiKey), (v, o) => Key(v, x => o.PeerApiKey = x)) { IsSecret = true },
    ];
}
