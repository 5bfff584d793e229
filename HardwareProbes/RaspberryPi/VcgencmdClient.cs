using System.Diagnostics.CodeAnalysis;
using System.IO.Abstractions;
using HardwareProbes.ChildProcesses;

namespace HardwareProbes.RaspberryPi;

/// <summary>
/// Runs <c>vcgencmd</c> commands with a time limit. The executable is the configured path, else the first found on
/// PATH, <c>/usr/bin</c> or <c>/opt/vc/bin</c>; when there is none, or the caller may not talk to the firmware
/// (not in the <c>video</c> group), every call fails at once with that reason instead of an error per request.
/// </summary>
public sealed class VcgencmdClient
{
    private static readonly string[] WellKnownDirectories = ["/usr/bin", "/opt/vc/bin"];

    private readonly IProcessRunner _runner;
    private readonly TimeSpan _timeout;
    private string? _denied;

    /// <summary>Creates a client for the real vcgencmd.</summary>
    /// <param name="executablePath">The executable, or null to search for it.</param>
    /// <param name="timeout">How long one command may take; 2 seconds when null.</param>
    public VcgencmdClient(string? executablePath = null, TimeSpan? timeout = null)
        : this(new FileSystem(), SystemProcessRunner.Instance, executablePath, timeout ?? TimeSpan.FromSeconds(2))
    {
    }

    internal VcgencmdClient(IFileSystem fileSystem, IProcessRunner runner, string? executablePath, TimeSpan timeout)
    {
        _runner = runner;
        _timeout = timeout;
        ExecutablePath = ExecutableLocator.Find(fileSystem, executablePath, "vcgencmd", WellKnownDirectories, out string? failure);
        _denied = failure;
    }

    /// <summary>Gets the executable in use, or null when none was found.</summary>
    public string? ExecutablePath { get; }

    /// <summary>Gets why no command can run (no executable, no permission), or null while commands can.</summary>
    public string? Unavailable => _denied;

    /// <summary>Runs one command, e.g. <c>measure_temp</c> or <c>measure_clock arm</c>.</summary>
    /// <param name="command">The command and its arguments, separated by spaces.</param>
    /// <param name="reply">The reply (standard output, trimmed).</param>
    /// <param name="failure">Why there is no usable reply: unavailable, timed out, an error reply, a non-zero exit.</param>
    /// <returns>True with a reply.</returns>
    public bool TryRun(string command, [NotNullWhen(true)] out string? reply, [NotNullWhen(false)] out string? failure)
    {
        ArgumentNullException.ThrowIfNull(command);
        reply = null;
        if (_denied is not null || ExecutablePath is null)
        {
            failure = _denied ?? "vcgencmd: not found";
            return false;
        }

        CommandResult result = _runner.Run(ExecutablePath, command.Split(' ', StringSplitOptions.RemoveEmptyEntries), _timeout);
        if (result.Failure is not null)
        {
            failure = result.Failure;
            return false;
        }

        string output = result.StandardOutput.Trim();
        if (VcgencmdReply.IsError(output, out string? message))
        {
            failure = $"vcgencmd {command}: {message}";
            return false;
        }

        if (result.ExitCode != 0 || output.Length == 0)
        {
            string detail = result.StandardError.Trim() is { Length: > 0 } stderr ? stderr.Split('\n')[0] : $"exit code {result.ExitCode}";
            failure = $"vcgencmd {command}: {detail}";
            if (LooksLikeNoPermission(result.StandardError))
            {
                // The firmware device cannot be opened: every later command would fail the same way.
                _denied = $"vcgencmd: cannot open the firmware interface ({detail}); add the service user to the 'video' group";
                failure = _denied;
            }

            return false;
        }

        reply = output;
        failure = null;
        return true;
    }

    private static bool LooksLikeNoPermission(string stderr)
        => stderr.Contains("ermission denied", StringComparison.Ordinal)
            || stderr.Contains("/dev/vcio", StringComparison.Ordinal)
            || stderr.Contains("VCHI initialization failed", StringComparison.Ordinal);
}
