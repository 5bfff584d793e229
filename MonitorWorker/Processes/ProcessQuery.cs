using System.Diagnostics.CodeAnalysis;
using HardwareProbes.RunningProcesses;
using MonitorWorker.Http;

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
        if (!QueryValues.TryOneOf(query, "sort", SortNames, (int)ProcessSort.Cpu, out int sort, out error)
            || !QueryValues.TryWholeNumber(query, "limit", DefaultLimit, 1, MaxLimit, out long limit, out error, capAtMax: true))
        {
            return false;
        }

        parsed = new ProcessQuery((ProcessSort)sort, (int)limit);
        return true;
    }
}
