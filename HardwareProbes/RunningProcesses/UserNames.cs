using System.Globalization;

namespace HardwareProbes.RunningProcesses;

/// <summary>User names by uid, from <c>/etc/passwd</c>.</summary>
internal static class UserNames
{
    /// <summary>Parses <c>name:password:uid:gid:gecos:home:shell</c> lines; comments, blank and malformed lines are skipped.</summary>
    public static Dictionary<int, string> Parse(ReadOnlySpan<char> text)
    {
        var names = new Dictionary<int, string>();
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            int first = line.IndexOf(':');
            if (first <= 0)
            {
                continue;
            }

            ReadOnlySpan<char> rest = line[(first + 1)..];
            int second = rest.IndexOf(':');
            if (second < 0)
            {
                continue;
            }

            rest = rest[(second + 1)..];
            int third = rest.IndexOf(':');
            ReadOnlySpan<char> uid = third < 0 ? rest : rest[..third];
            if (int.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                names.TryAdd(id, line[..first].ToString()); // the first entry wins, as getpwuid does
            }
        }

        return names;
    }
}
