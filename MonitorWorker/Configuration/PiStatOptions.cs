using System.ComponentModel.DataAnnotations;
using HardwareProbes;

namespace MonitorWorker.Configuration;

/// <summary>
/// The service's settings, bound from PISTAT_ variables, <c>.env</c> and the command line. The defaults written here are
/// the only ones: <c>config</c> and <c>--help</c> print them from a fresh instance.
/// </summary>
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
    public const double MaxPeerSeconds = 3600;
    public const double MinPeerTimeoutSeconds = 0.1;
    public const double MaxPeerTimeoutSeconds = 60;
    public const int MaxDataMb = 100_000;
    public const int MaxRetentionDays = 36_500;
    public const int MinSocketIoMs = 100;
    public const int MaxSocketIoMs = 600_000;
    public const int MinSocketIoPayload = 16 * 1024;
    public const int MaxSocketIoPayload = 100_000_000;
    public const int MaxProcessIntervalSeconds = 3600;
    public const int MaxSpikeSamples = 3600;

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

    /// <summary>
    /// Gets or sets what the probes read and how: the procfs, sysfs and etc roots (PISTAT_PROC_PATH, PISTAT_SYS_PATH,
    /// PISTAT_ETC_PATH), the mount points (PISTAT_DISK_PATHS), the vcgencmd and tegrastats executables and tegrastats'
    /// interval. Their defaults are the library's.
    /// </summary>
    public ProbeOptions Probes { get; set; } = new();

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

    /// <value>The default value is none.</value>
    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    /// <value>The default value is 3600 seconds.</value>
    [Range(0, MaxHistorySeconds)]
    public int HistorySeconds { get; set; } = 3600;

    /// <summary>Gets or sets how often the Socket.IO server pings each session (PISTAT_SOCKETIO_PING_INTERVAL_MS).</summary>
    /// <value>The default value is 25000 ms, Engine.IO's.</value>
    [Range(MinSocketIoMs, MaxSocketIoMs)]
    public int SocketIoPingIntervalMs { get; set; } = 25_000;

    /// <summary>Gets or sets how long a session may take to answer a ping before it is closed (PISTAT_SOCKETIO_PING_TIMEOUT_MS).</summary>
    /// <value>The default value is 20000 ms, Engine.IO's.</value>
    [Range(MinSocketIoMs, MaxSocketIoMs)]
    public int SocketIoPingTimeoutMs { get; set; } = 20_000;

    /// <summary>Gets or sets how long a new session may take to connect to a namespace before it is closed (PISTAT_SOCKETIO_CONNECT_TIMEOUT_MS).</summary>
    /// <value>The default value is 45000 ms, Socket.IO's.</value>
    [Range(MinSocketIoMs, MaxSocketIoMs)]
    public int SocketIoConnectTimeoutMs { get; set; } = 45_000;

    /// <summary>Gets or sets the most bytes one polling request or WebSocket message may carry (PISTAT_SOCKETIO_MAX_PAYLOAD).</summary>
    /// <value>The default value is 1000000 bytes, Engine.IO's.</value>
    [Range(MinSocketIoPayload, MaxSocketIoPayload)]
    public int SocketIoMaxPayload { get; set; } = 1_000_000;

    /// <summary>
    /// Gets or sets the folder of stored data, the pytest-monitor server's database (PISTAT_DATA_PATH); null for the
    /// unit's state directory ($STATE_DIRECTORY) or, without one, a <c>data</c> folder beside the program.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? DataPath { get; set; }

    /// <summary>Gets or sets the largest the pytest-monitor database may grow, in MB; the oldest metrics go first (PISTAT_DATA_MAX_MB).</summary>
    /// <value>The default value is 64 MB.</value>
    [Range(1, MaxDataMb)]
    public int DataMaxMb { get; set; } = 64;

    /// <summary>Gets or sets how many days stored test metrics are kept (PISTAT_DATA_RETENTION_DAYS).</summary>
    /// <value>The default value is 90 days.</value>
    [Range(1, MaxRetentionDays)]
    public int DataRetentionDays { get; set; } = 90;

    /// <summary>Gets or sets the shortest time between two readings of the process list (PISTAT_PROCESS_INTERVAL_SECONDS); requests in between share the last.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(1, MaxProcessIntervalSeconds)]
    public int ProcessIntervalSeconds { get; set; } = 2;

    /// <summary>Gets or sets the CPU use at or above which a spike begins (PISTAT_SPIKE_CPU_PERCENT).</summary>
    /// <value>The default value is 90 %.</value>
    [Range(1, 100)]
    public int SpikeCpuPercent { get; set; } = 90;

    /// <summary>Gets or sets the memory use at or above which a spike begins (PISTAT_SPIKE_MEMORY_PERCENT).</summary>
    /// <value>The default value is 90 %.</value>
    [Range(1, 100)]
    public int SpikeMemoryPercent { get; set; } = 90;

    /// <summary>Gets or sets how many samples in a row CPU or memory must stay high to be a spike (PISTAT_SPIKE_SAMPLES).</summary>
    /// <value>The default value is 5 samples.</value>
    [Range(1, MaxSpikeSamples)]
    public int SpikeSamples { get; set; } = 5;

    /// <summary>Gets or sets the fixture board folder served as a demo (PISTAT_DEMO), or null for this machine's own hardware.</summary>
    /// <value>The default value is none.</value>
    public string? Demo { get; set; }

    /// <summary>Gets the demo board's name (its folder's name), or null when this machine is served.</summary>
    public string? DemoName => Demo is null ? null : Path.GetFileName(Demo.TrimEnd(Path.DirectorySeparatorChar));

    public TimeSpan SampleInterval => TimeSpan.FromSeconds(SampleSeconds);

    public TimeSpan CacheMaxAge => TimeSpan.FromSeconds(CacheSeconds);
}
