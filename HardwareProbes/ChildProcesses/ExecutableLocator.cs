using System.IO.Abstractions;

namespace HardwareProbes.ChildProcesses;

/// <summary>Finds an executable: the configured path, else the PATH directories, else well-known folders.</summary>
internal static class ExecutableLocator
{
    /// <summary>Returns the executable's full path, or null with the places that were searched.</summary>
    public static string? Find(IFileSystem fileSystem, string? configured, string name, IReadOnlyList<string> wellKnownDirectories, out string? failure)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            failure = fileSystem.File.Exists(configured) ? null : $"{configured}: not found";
            return failure is null ? configured : null;
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string directory in path.Concat(wellKnownDirectories))
        {
            string candidate = fileSystem.Path.Combine(directory, name);
            if (fileSystem.File.Exists(candidate))
            {
                failure = null;
                return candidate;
            }
        }

        failure = $"not found on PATH or in {string.Join(", ", wellKnownDirectories)}"; // the caller names the tool
        return null;
    }
}
