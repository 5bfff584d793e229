using System.ComponentModel.DataAnnotations;
using System.Net;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Hosting;

/// <summary>Where the service listens, how many HTTP connections it serves at once, and how much it logs.</summary>
public sealed class ServerOptions
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;
    public const int MinMaxHttpConnections = 4;
    public const int MaxMaxHttpConnections = 10000;

    /// <value>The default value is 8585.</value>
    [Range(MinPort, MaxPort)]
    public int Port { get; set; } = 8585;

    /// <value>The default value is <c>0.0.0.0</c> (every IPv4 interface).</value>
    [Required]
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>Gets or sets a value indicating whether debug logs and one line per request are written.</summary>
    /// <value>The default value is false.</value>
    public bool Debug { get; set; }

    /// <summary>Gets or sets how many HTTP connections are served at once; Kestrel closes the ones beyond at once.</summary>
    /// <value>
    /// The default value is 128: enough for bursts of concurrent requests, Prometheus, browsers and every push client, while a burst of
    /// thousands of connections costs a 512 MB board nothing but the refusals. Server-Sent Events streams count against
    /// it; WebSockets, once upgraded, do not (PISTAT_MAX_CONNECTIONS bounds those).
    /// </value>
    [Range(MinMaxHttpConnections, MaxMaxHttpConnections)]
    public int MaxHttpConnections { get; set; } = 128;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<ServerOptions>> Settings { get; } =
    [
        new("PISTAT_PORT", $"a port ({MinPort}–{MaxPort})", o => Show(o.Port),
            (v, o) => WholeNumber(v, MinPort, MaxPort, "is not a port", x => o.Port = x)),
        new("PISTAT_HOST", "an IP address, localhost, or * for every interface", o => o.Host,
            (v, o) => v == "*" || v == "localhost" || IPAddress.TryParse(v, out _) ? Set(() => o.Host = v) : "is not an IP address, localhost or *"),
        new("PISTAT_DEBUG", $"a boolean ({BooleanText.Words})", o => ShowBool(o.Debug),
            (v, o) => Bool(v, x => o.Debug = x)),
        new("PISTAT_MAX_HTTP_CONNECTIONS", $"a whole number from {MinMaxHttpConnections} to {MaxMaxHttpConnections}", o => Show(o.MaxHttpConnections),
            (v, o) => WholeNumber(v, MinMaxHttpConnections, MaxMaxHttpConnections, "is not a number of connections", x => o.MaxHttpConnections = x)),
    ];
}
