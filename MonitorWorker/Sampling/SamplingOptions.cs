using System.ComponentModel.DataAnnotations;
using HardwareProbes;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Sampling;

/// <summary>How often the hardware is read, how long an answer may be reused, what the probes read, and the node's labels.</summary>
public sealed class SamplingOptions
{
    public const double MaxCacheSeconds = 3600;
    public const double MinSampleSeconds = 0.1;
    public const double MaxSampleSeconds = 3600;
    public const int MinTegrastatsIntervalMs = 100;
    public const int MaxTegrastatsIntervalMs = 60000;

    /// <value>The default value is 2 seconds.</value>
    [Range(0, MaxCacheSeconds)]
    public double CacheSeconds { get; set; } = 2;

    /// <value>The default value is 1 second.</value>
    [Range(MinSampleSeconds, MaxSampleSeconds)]
    public double SampleSeconds { get; set; } = 1;

    /// <summary>
    /// Gets or sets what the probes read and how: the procfs, sysfs and etc roots (PISTAT_PROC_PATH, PISTAT_SYS_PATH,
    /// PISTAT_ETC_PATH), the mount points (PISTAT_DISK_PATHS), the vcgencmd and tegrastats executables and tegrastats'
    /// interval. Their defaults are the library's.
    /// </summary>
    public ProbeOptions Probes { get; set; } = new();

    /// <summary>Gets or sets the labels the node carries in /stats, /metrics and the fleet (PISTAT_LABELS).</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    public TimeSpan SampleInterval => TimeSpan.FromSeconds(SampleSeconds);

    public TimeSpan CacheMaxAge => TimeSpan.FromSeconds(CacheSeconds);

    /// <summary>The longest interval between two readings of the UPS, in seconds.</summary>
    public const double MaxNutSeconds = 300;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<SamplingOptions>> Settings { get; } =
    [
        new("PISTAT_SAMPLE_SECONDS", $"seconds from {MinSampleSeconds} to {MaxSampleSeconds}", o => Show(o.SampleSeconds),
            (v, o) => Number(v, MinSampleSeconds, MaxSampleSeconds, "is not a number of seconds", x => o.SampleSeconds = x)),
        new("PISTAT_CACHE_SECONDS", $"seconds from 0 to {MaxCacheSeconds}", o => Show(o.CacheSeconds),
            (v, o) => Number(v, 0, MaxCacheSeconds, "is not a number of seconds", x => o.CacheSeconds = x)),
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
        new("PISTAT_TEGRASTATS_INTERVAL_MS", $"milliseconds from {MinTegrastatsIntervalMs} to {MaxTegrastatsIntervalMs}", o => Show(o.Probes.Tegrastats.Interval.TotalMilliseconds),
            (v, o) => WholeNumber(v, MinTegrastatsIntervalMs, MaxTegrastatsIntervalMs, "is not a number of milliseconds", x => o.Probes.Tegrastats.Interval = TimeSpan.FromMilliseconds(x))),
        new("PISTAT_VCGENCMD_PATH", "a path to an executable file", o => o.Probes.VcgencmdPath ?? "(PATH, /usr/bin, /opt/vc/bin)",
            (v, o) => File(v, x => o.Probes.VcgencmdPath = x)),
        new("PISTAT_NUT_URL", "nut://[user:password@]host[:port]/<ups> (port 3493): a UPS read through its NUT server", o => o.Probes.Nut?.Display ?? "(none)",
            (v, o) => HardwareProbes.Ups.NutTarget.TryParse(v, out HardwareProbes.Ups.NutTarget? target, out string? error) ? Set(() => o.Probes.Nut = target) : error)
        {
            Redact = RedactedUrl,
        },
        new("PISTAT_NUT_INTERVAL_SECONDS", $"seconds from 1 to {MaxNutSeconds}", o => Show(o.Probes.NutInterval.TotalSeconds),
            (v, o) => Number(v, 1, MaxNutSeconds, "is not a number of seconds", x => o.Probes.NutInterval = TimeSpan.FromSeconds(x))),
        new("PISTAT_LABELS", "a comma-separated list of key=value pairs", o => List(o.Labels.Select(l => $"{l.Key}={l.Value}")),
            (v, o) => Labels(v, x => o.Labels = x)),
    ];
}
