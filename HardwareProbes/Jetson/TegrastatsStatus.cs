namespace HardwareProbes.Jetson;

/// <summary>Where the tegrastats stream stands.</summary>
public enum TegrastatsStatus
{
    /// <summary><see cref="TegrastatsSource.Start"/> has not been called.</summary>
    NotStarted,

    /// <summary>A child is running.</summary>
    Running,

    /// <summary>The child exited or stalled; a restart is scheduled.</summary>
    Restarting,

    /// <summary>No executable was found; it is looked for again every <see cref="TegrastatsOptions.AbsentRecheckInterval"/>.</summary>
    Absent,

    /// <summary>The stream was disposed.</summary>
    Stopped,
}
