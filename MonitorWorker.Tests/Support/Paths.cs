namespace MonitorWorker.Tests;

/// <summary>Where the repository's fixtures and the built worker are.</summary>
internal static class Paths
{
    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Probes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Probes.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RepositoryRoot.Value;

    public static string Fixtures => Path.Combine(Root, "fixtures");

    public static string Board(string board) => Path.Combine(Fixtures, board);

    /// <summary>The worker built beside the tests, in the same configuration.</summary>
    public static string WorkerDll
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return Path.Combine(Root, "MonitorWorker", "bin", configuration, "net10.0", "pi-stat.dll");
        }
    }
}
