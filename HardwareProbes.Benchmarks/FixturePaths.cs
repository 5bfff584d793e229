namespace HardwareProbes.Benchmarks;

/// <summary>The repository's fixtures folder, found from the benchmark's binary or working directory.</summary>
internal static class FixturePaths
{
    public static string Root => Repository.Fixtures;

    public static string Capture(string name) => File.ReadAllText(Path.Combine(Root, "captures", name));
}
