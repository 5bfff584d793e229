namespace HardwareProbes.Snapshots;

/// <summary>Where one source of a snapshot stands.</summary>
public enum SourceState
{
    /// <summary>Read: its fields carry values.</summary>
    Ok,

    /// <summary>Expected here but not read; the status text says why.</summary>
    Failed,

    /// <summary>Does not exist on this board or operating system (a load average on Windows): not a fault.</summary>
    NotApplicable,
}
