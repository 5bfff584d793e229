namespace MonitorWorker.Tests;

/// <summary>Where the repository's fixtures and the built worker are.</summary>
internal static class Paths
{
    public static string Root => Repository.Root;

    public static string Fixtures => Repository.Fixtures;

    public static string Board(string board) => Repository.Board(board);

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
