namespace TestSupport;

/// <summary>Where the repository is: the folder holding Probes.sln, above the working directory or the test binary.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(Find);

    /// <summary>Gets the repository's root folder.</summary>
    public static string Root => RootPath.Value;

    /// <summary>Gets <c>fixtures/</c>: the board trees and captures.</summary>
    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The folder of one fixture board.</summary>
    public static string Board(string board) => Path.Combine(Fixtures, board);

    private static string Find()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Probes.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Probes.sln is not above " + AppContext.BaseDirectory + " or the working directory");
    }
}
