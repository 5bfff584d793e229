using System.ComponentModel.DataAnnotations;

namespace MonitorWorker.Configuration;

/// <summary>The service's settings (SPEC §3), bound from PISTAT_ variables, <c>.env</c> and the command line.</summary>
public sealed class PiStatOptions
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;
    public const double MaxCacheSeconds = 3600;
    public const double MinSampleSeconds = 0.1;
    public const double MaxSampleSeconds = 3600;
    public const int MinTegrastatsIntervalMs = 100;
    public const int MaxTegrastatsIntervalMs = 60000;
    public const int MaxMaxConnections = 10000;
    public const int MinMaxHttpConnections = 4;
    public const int MaxHistorySeconds = 7 * 24 * 3600;

    /// <value>The default value is 8585.</value>
    [Range(MinPort, MaxPort)]
    public int Port { get; set; } = 8585;

    /// <value>The default value is <c>0.0.0.0</c> (every IPv4 interface).</value>
    [Required]
    public string Host { get; set; } = "0.0.0.0";

    /// <value>The default value is 2 seconds.</value>
    [Range(0, MaxCacheSeconds)]
    public double CacheSeconds { get; set; } = 2;

    /// <value>The default value is false.</value>
    public bool Debug { get; set; }

    /// <value>The default value is 1 second.</value>
    [Range(MinSampleSeconds, MaxSampleSeconds)]
    public double SampleSeconds { get; set; } = 1;

    /// <value>The default value is <c>/proc</c>.</value>
    [Required]
    public string ProcPath { get; set; } = "/proc";

    /// <value>The default value is <c>/sys</c>.</value>
    [Required]
    public string SysPath { get; set; } = "/sys";

    /// <value>The default value is <c>/etc</c>.</value>
    [Required]
    public string EtcPath { get; set; } = "/etc";

    /// <value>The default value is the root filesystem (<c>/</c>, or the system drive on Windows).</value>
    public IReadOnlyList<string> DiskPaths { get; set; } = [OperatingSystem.IsWindows() ? Path.GetPathRoot(Environment.SystemDirectory) ?? "C:\\" : "/"];

    /// <value>The default value is null: found on PATH or in /usr/bin.</value>
    public string? TegrastatsPath { get; set; }

    /// <value>The default value is 1000 ms.</value>
    [Range(MinTegrastatsIntervalMs, MaxTegrastatsIntervalMs)]
    public int TegrastatsIntervalMs { get; set; } = 1000;

    /// <value>The default value is null: found on PATH, in /usr/bin or /opt/vc/bin.</value>
    public string? VcgencmdPath { get; set; }

    /// <value>The default value is 10.</value>
    [Range(1, MaxMaxConnections)]
    public int MaxConnections { get; set; } = 10;

    /// <summary>Gets or sets how many HTTP connections are served at once; Kestrel closes the ones beyond at once.</summary>
    /// <value>
    /// The default value is 128: enough for bursts of concurrent requests, Prometheus, browsers and every push client, while a burst of
    /// thousands of connections costs a 512 MB board nothing but the refusals. Server-Sent Events streams count against
    /// it; WebSockets, once upgraded, do not (PISTAT_MAX_CONNECTIONS bounds those).
    /// </value>
    [Range(MinMaxHttpConnections, MaxMaxConnections)]
    public int MaxHttpConnections { get; set; } = 128;

    /// <value>The default value is none: no cross-origin browser access.</value>
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    /// <value>The default value is null: no key needed.</value>
    public string? ApiKey { get; set; }

    /// <value>The default value is none.</value>
    public IReadOnlyList<Uri> Peers { get; set; } = [];

    /// <value>The default value is none.</value>
    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    /// <value>The default value is 3600 seconds.</value>
    [Range(0, MaxHistorySeconds)]
    public int HistorySeconds { get; set; } = 3600;

    public TimeSpan SampleInterval => TimeSpan.FromSeconds(SampleSeconds);

    public TimeSpan CacheMaxAge => TimeSpan.FromSeconds(CacheSeconds);
}
