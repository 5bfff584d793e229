namespace TestSupport;

/// <summary>
/// The fixture boards captured from real machines: every folder of <c>fixtures/</c> with a <c>proc/</c> tree but
/// <c>broken</c>, which is made of malformed files on purpose. A test over "every board" reads them from here
/// (<c>[DynamicData(nameof(FixtureBoards.All), typeof(FixtureBoards))]</c>), so a new board is tested everywhere.
/// </summary>
public static class FixtureBoards
{
    /// <summary>The board made of malformed files.</summary>
    public const string Broken = "broken";

    /// <summary>Gets the boards' names, in ordinal order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Directory.GetDirectories(Repository.Fixtures)
        .Where(d => Directory.Exists(Path.Combine(d, "proc")))
        .Select(d => Path.GetFileName(d)!)
        .Where(n => n != Broken)
        .Order(StringComparer.Ordinal)];

    /// <summary>Gets the boards as test data rows: one argument, the board's name.</summary>
    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });
}
