namespace MonitorWorker.Demo;

/// <summary>Where the demo's boards are: fixture folders on disk (the repository's <c>fixtures/</c>), and those built into the binary.</summary>
public static class DemoBoards
{
    /// <summary>A board's name, its folder's name: <c>/srv/boards/raspberry-pi-5/</c> → <c>raspberry-pi-5</c>.</summary>
    public static string NameOf(string board)
        => Path.GetFileName((board ?? throw new ArgumentNullException(nameof(board))).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>
    /// The folder of a fixture board: <paramref name="nameOrPath"/> itself when it holds a <c>proc/</c> tree, else
    /// <c>fixtures/&lt;name&gt;</c> in the working directory, beside the program or in a folder above either; else the
    /// name itself when that board is built into the binary (<see cref="DemoBoard.Prepare"/> writes it out).
    /// </summary>
    public static string? Find(string nameOrPath, out string? error)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        error = null;
        if (Directory.Exists(Path.Combine(nameOrPath, "proc")))
        {
            return Path.GetFullPath(nameOrPath);
        }

        List<string> fixtures = [.. FixtureFolders()];
        bool isName = nameOrPath.Length > 0 && nameOrPath.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        string? found = isName ? fixtures.Select(f => Path.Combine(f, nameOrPath)).FirstOrDefault(b => Directory.Exists(Path.Combine(b, "proc"))) : null;
        if (found is not null)
        {
            return found;
        }

        if (isName && DemoFolder.EmbeddedBoards.Contains(nameOrPath, StringComparer.Ordinal))
        {
            return nameOrPath;
        }

        IEnumerable<string?> names = fixtures.Count == 0
            ? DemoFolder.EmbeddedBoards
            : Directory.GetDirectories(fixtures[0]).Where(d => Directory.Exists(Path.Combine(d, "proc"))).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        error = $"is not a fixture board or a folder with a proc/ tree (boards: {string.Join(", ", names)})";
        return null;
    }

    private static IEnumerable<string> FixtureFolders()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Distinct(StringComparer.Ordinal))
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string fixtures = Path.Combine(dir.FullName, "fixtures");
                if (Directory.Exists(fixtures))
                {
                    yield return fixtures;
                }
            }
        }
    }
}
