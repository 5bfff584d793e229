using System.ComponentModel;
using System.Diagnostics;

namespace HardwareProbes.ChildProcesses;

/// <summary>Starts real processes through <see cref="Process"/>.</summary>
internal sealed class SystemProcessRunner : IProcessRunner
{
    public static SystemProcessRunner Instance { get; } = new();

    public CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = StartInfo(file, arguments) };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new CommandResult(null, string.Empty, string.Empty, $"{file}: cannot start: {e.Message}");
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            return new CommandResult(null, string.Empty, string.Empty, $"{file} {string.Join(' ', arguments)}: no answer within {timeout.TotalMilliseconds:0} ms");
        }

        process.WaitForExit(); // flushes the redirected streams
        return new CommandResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), null);
    }

    public IChildProcess Start(string file, IReadOnlyList<string> arguments)
    {
        var process = new Process { StartInfo = StartInfo(file, arguments) };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        return new Child(process);
    }

    private static ProcessStartInfo StartInfo(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        process.WaitForExit(); // reap
    }

    private sealed class Child : IChildProcess
    {
        private readonly Process _process;
        private readonly Lock _gate = new();
        private volatile string? _lastError;
        private bool _disposed;

        public Child(Process process)
        {
            _process = process;
            Id = process.Id;
            process.ErrorDataReceived += (_, e) =>
            {
                if (!string.IsNullOrWhiteSpace(e.Data))
                {
                    _lastError = e.Data;
                }
            };
            process.BeginErrorReadLine();
        }

        public int Id { get; }

        public string? LastErrorLine => _lastError;

        public int? ExitCode
        {
            get
            {
                lock (_gate)
                {
                    return !_disposed && _process.HasExited ? _process.ExitCode : null;
                }
            }
        }

        public ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
            => _process.StandardOutput.ReadLineAsync(cancellationToken);

        public void Stop()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    // A child that just closed its output is usually exiting on its own: let it, so its exit code is its own.
                    _process.WaitForExit(100);
                    Kill(_process);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                Kill(_process);
                _disposed = true;
                _process.Dispose();
            }
        }
    }
}
