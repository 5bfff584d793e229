namespace HardwareProbes.Benchmarks;

/// <summary>Finds the repository's fixtures folder from the benchmark's working directory or binary.</summary>
internal static class FixturePaths
{
    public static string Root { get; } = Find();

    public static string Capture(string name) => File.ReadAllText(Path.Combine(Root, "captures", name));

    private static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "fixtures");
                if (Directory.Exists(Path.Combine(candidate, "captures")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("fixtures/ not found; run from the repository");
    }
}
