using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.AccessControl;

/// <summary>Which other origins' pages may read the API, and the key the API asks for.</summary>
public sealed class AccessOptions
{
    /// <value>The default value is none: no cross-origin browser access.</value>
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    /// <summary>Gets a value indicating whether any other origin's pages may read the API (PISTAT_CORS_ORIGINS is set).</summary>
    public bool AllowsCrossOrigin => CorsOrigins.Count > 0;

    /// <value>The default value is null: no key needed.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<AccessOptions>> Settings { get; } =
    [
        new("PISTAT_CORS_ORIGINS", "a comma-separated list of origins such as https://grafana.example.org, or *", o => List(o.CorsOrigins),
            (v, o) => Origins(v, x => o.CorsOrigins = x)),
        new("PISTAT_API_KEY", KeyAllowed, o => ShowKey(o.ApiKey), (v, o) => Key(v, x => o.ApiKey = x)) { IsSecret = true },
    ];
}
