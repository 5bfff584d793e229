using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using HardwareProbes.RunningProcesses;

namespace MonitorWorker.Processes;

/// <summary>The query of <c>/api/processes</c> and piStat's <c>/processes</c>: <c>sort</c> and <c>limit</c>.</summary>
/// <param name="Sort">The order.</param>
/// <param name="Limit">How many processes, 1 to <see cref="MaxLimit"/>.</param>
public sealed record ProcessQuery(ProcessSort Sort, int Limit)
{
    /// <summary>The most processes one answer lists, as piStat caps it; a larger limit is cut to this.</summary>
    public const int MaxLimit = 100;

    /// <summary>The limit when none is given, piStat's.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The sort names, as piStat spells them.</summary>
    public static readonly IReadOnlyList<string> SortNames = ["cpu", "memory", "name", "pid", "time"];

    /// <summary>Reads <c>sort</c> (cpu, memory, name, pid or time; default cpu) and <c>limit</c> (a positive integer; default 10, at most 100).</summary>
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out ProcessQuery? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var sortValues = query["sort"];
        var limitValues = query["limit"];
        if (sortValues.Count > 1 || limitValues.Count > 1)
        {
            error = $"{(sortValues.Count > 1 ? "sort" : "limit")}: give it once";
            return false;
        }

        ProcessSort sort = ProcessSort.Cpu;
        if (sortValues.Count == 1)
        {
            int index = IndexOf(sortValues[0]!.Trim());
            if (index < 0)
            {
                error = $"sort: '{sortValues[0]}' is not one of {string.Join(", ", SortNames)}";
                return false;
            }

            sort = (ProcessSort)index;
        }

        int limit = DefaultLimit;
        if (limitValues.Count == 1)
        {
            if (!int.TryParse(limitValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                // A number too large for an int is still a valid "many": cut it like any other over the cap.
                if (limitValues[0] is { Length: > 0 } text && text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0)
                {
                    limit = MaxLimit;
                }
                else
                {
                    error = $"limit: '{limitValues[0]}' is not a positive whole number";
                    return false;
                }
            }
        }

        parsed = new ProcessQuery(sort, Math.Min(limit, MaxLimit));
        error = null;
        return true;
    }

    private static int IndexOf(string name)
    {
        for (int i = 0; i < SortNames.Count; i++)
        {
            if (string.Equals(SortNames[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
