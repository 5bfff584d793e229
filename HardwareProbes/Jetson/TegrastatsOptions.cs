namespace HardwareProbes.Jetson;

/// <summary>How the tegrastats child process is found, run and restarted.</summary>
public sealed class TegrastatsOptions
{
    /// <summary>Gets or sets the tegrastats executable; null searches PATH, then <c>/usr/bin</c>.</summary>
    /// <value>The default value is null.</value>
    public string? ExecutablePath { get; set; }

    /// <summary>Gets or sets the sampling interval passed as <c>--interval</c>.</summary>
    /// <value>The default value is one second.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many intervals without a line mean the child has stalled and is replaced.</summary>
    /// <value>The default value is 5.</value>
    public int StallIntervals { get; set; } = 5;

    /// <summary>Gets or sets the delay before the first restart; later ones grow exponentially, with jitter.</summary>
    /// <value>The default value is one second.</value>
    public TimeSpan FirstRestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between restarts.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often a missing executable is looked for again.</summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan AbsentRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a child must have run, printing lines, for its exit to count as a fresh start rather than a failed attempt (the backoff then starts over).</summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan HealthyRunDuration { get; set; } = TimeSpan.FromMinutes(1);
}
