namespace HardwareProbes.ChildProcesses;

/// <summary>A long-lived child process whose standard output is read line by line.</summary>
internal interface IChildProcess : IDisposable
{
    int Id { get; }

    /// <summary>Gets the last line the child wrote to standard error (drained continuously), or null.</summary>
    string? LastErrorLine { get; }

    /// <summary>Reads the next line of standard output; null when the child closed it (exited).</summary>
    ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>Gets the exit code once the child has exited and been reaped, else null.</summary>
    int? ExitCode { get; }

    /// <summary>Kills the child (and its descendants) and waits until it is reaped, so it leaves no zombie.</summary>
    void Stop();
}
