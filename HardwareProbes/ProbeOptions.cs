namespace HardwareProbes;

/// <summary>
/// Where the probes read from and how long and how much they may read.
/// </summary>
public sealed class ProbeOptions
{
    /// <summary>Gets or sets the procfs mount point.</summary>
    /// <value>The default value is <c>/proc</c>.</value>
    public string ProcPath { get; set; } = "/proc";

    /// <summary>Gets or sets the sysfs mount point.</summary>
    /// <value>The default value is <c>/sys</c>.</value>
    public string SysPath { get; set; } = "/sys";

    /// <summary>Gets or sets the directory that holds <c>nv_tegra_release</c> (Jetson).</summary>
    /// <value>The default value is <c>/etc</c>.</value>
    public string EtcPath { get; set; } = "/etc";

    /// <summary>Gets or sets the mount points (drive roots on Windows) whose filesystem usage is reported, in order.</summary>
    /// <value>The default value is a single entry: <c>/</c>, or the system drive on Windows.</value>
    public IList<string> DiskPaths { get; set; } = [OperatingSystem.IsWindows() ? Path.GetPathRoot(Environment.SystemDirectory) ?? "C:\\" : "/"];

    /// <summary>Gets or sets the longest time one file read or filesystem query may take before its source is reported unavailable.</summary>
    /// <value>The default value is 500 milliseconds; it must be between 1 ms and 1 minute.</value>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the largest file, in bytes, a probe reads; a larger file is reported unavailable.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how often static facts (model, serial, the list of thermal zones and hwmon sensors) are read again.</summary>
    /// <value>The default value is one hour; it must be at least one second.</value>
    public TimeSpan StaticRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how often TCP connections are counted at most; snapshots between reuse the last count.</summary>
    /// <value>
    /// The default value is 10 seconds. The kernel builds <c>/proc/net/tcp</c> by walking its whole TCP hash table, which
    /// is sized by RAM: on a 24 GB host one count costs about 10 ms, more than every other reading of a snapshot
    /// together. Where a count takes longer than 1/5000 of this interval, the next one waits 5000 times as long as
    /// the last took, up to a minute, so counting never costs more than 0.02 % of a CPU.
    /// </value>
    public TimeSpan ConnectionsRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the vcgencmd executable (Raspberry Pi); null searches PATH, <c>/usr/bin</c> and <c>/opt/vc/bin</c>.</summary>
    /// <value>The default value is null.</value>
    public string? VcgencmdPath { get; set; }

    /// <summary>Gets or sets how long one vcgencmd command may take.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan VcgencmdTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often the values only vcgencmd gives (core voltage, core and v3d clocks) are asked again; between, snapshots reuse them.</summary>
    /// <value>The default value is 5 seconds: spawning vcgencmd every second costs a Pi Zero more than everything else together.</value>
    public TimeSpan VcgencmdRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the UPS read through a NUT server; null reads none and opens no connection.</summary>
    /// <value>The default value is null.</value>
    public Ups.NutTarget? Nut { get; set; }

    /// <summary>Gets or sets how often the UPS is read.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan NutInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how tegrastats is run on a Jetson.</summary>
    /// <value>The default value is <see cref="Jetson.TegrastatsOptions"/>' defaults.</value>
    public Jetson.TegrastatsOptions Tegrastats { get; set; } = new();

    /// <summary>Throws when a value is out of its documented range, naming the property and the value.</summary>
    /// <exception cref="ArgumentException">A root is empty, a limit or interval is out of range, or a list is null.</exception>
    public void Validate()
    {
        foreach ((string name, string value) in new[] { (nameof(ProcPath), ProcPath), (nameof(SysPath), SysPath), (nameof(EtcPath), EtcPath) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} must name a directory.", name);
            }
        }

        if (ReadTimeout < TimeSpan.FromMilliseconds(1) || ReadTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ReadTimeout), ReadTimeout, "must be between 1 ms and 1 minute");
        }

        if (MaxFileBytes is < 4096 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, "must be between 4096 and 67108864");
        }

        if (StaticRefreshInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(StaticRefreshInterval), StaticRefreshInterval, "must be at least one second");
        }

        if (VcgencmdTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(VcgencmdTimeout), VcgencmdTimeout, "must be more than zero");
        }

        if (VcgencmdRefreshInterval < TimeSpan.Zero || ConnectionsRefreshInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(VcgencmdRefreshInterval < TimeSpan.Zero ? nameof(VcgencmdRefreshInterval) : nameof(ConnectionsRefreshInterval), "must not be negative");
        }

        if (NutInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(NutInterval), NutInterval, "must be at least one second");
        }

        ArgumentNullException.ThrowIfNull(DiskPaths);
        ArgumentNullException.ThrowIfNull(Tegrastats);
        if (Tegrastats.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Tegrastats), Tegrastats.Interval, "Tegrastats.Interval must be more than zero");
        }
    }
}
