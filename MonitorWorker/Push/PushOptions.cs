using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Push;

/// <summary>How many live-push clients (WebSocket, Server-Sent Events, Socket.IO) are served at once.</summary>
public sealed class PushOptions
{
    public const int MaxMaxConnections = 10000;

    /// <value>The default value is 10.</value>
    [Range(1, MaxMaxConnections)]
    public int MaxConnections { get; set; } = 10;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<PushOptions>> Settings { get; } =
    [
        new("PISTAT_MAX_CONNECTIONS", $"a whole number from 1 to {MaxMaxConnections}", o => Show(o.MaxConnections),
            (v, o) => WholeNumber(v, 1, MaxMaxConnections, "is not a number of connections", x => o.MaxConnections = x)),
    ];
}
