namespace MonitorWorker.Configuration;

/// <summary>Reads a <c>.env</c> file: <c>NAME=value</c> lines, <c>#</c> comments, optional <c>export</c> and quotes.</summary>
internal static class DotEnvFile
{
    /// <summary>Parses the file; each line that is neither blank, a comment nor <c>NAME=value</c> is named in <paramref name="unparsed"/>.</summary>
    public static Dictionary<string, string> Parse(string text, List<string>? unparsed = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line[..eq].Trim().Any(char.IsWhiteSpace))
            {
                string shown = line.Length > 60 ? line[..60] + "..." : line;
                unparsed?.Add($".env line {lineNumber}: '{shown}' is not NAME=value; ignored");
                continue;
            }

            string value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[line[..eq].Trim()] = value;
        }

        return values;
    }
}
