using System.Text;

namespace HardwareProbes.RunningProcesses;

/// <summary>Every process readable at one moment.</summary>
/// <param name="Timestamp">When the collection ran.</param>
/// <param name="UptimeSeconds">Seconds since boot at that moment (<c>/proc/uptime</c>), the clock CPU percentages are measured on.</param>
/// <param name="Processes">The processes, by pid.</param>
/// <param name="WindowSeconds">The window CPU percentages cover for processes seen in the previous collection; null when there was none.</param>
/// <param name="Skipped">Processes listed but gone, or unreadable, before their files were read; they are left out.</param>
/// <param name="Failure">Why the table is empty or incomplete (the listing, uptime or a process file failed), else null.</param>
public sealed record ProcessTable(
    DateTimeOffset Timestamp,
    double UptimeSeconds,
    IReadOnlyList<ProcessEntry> Processes,
    double? WindowSeconds,
    int Skipped,
    string? Failure)
{
    /// <summary>Gets the first <paramref name="limit"/> processes in the order <paramref name="sort"/> asks for.</summary>
    /// <param name="sort">The order.</param>
    /// <param name="limit">How many at most; 0 or less gives none.</param>
    /// <returns>A new list.</returns>
    public IReadOnlyList<ProcessEntry> Top(ProcessSort sort, int limit)
    {
        if (limit <= 0)
        {
            return [];
        }

        var sorted = new List<ProcessEntry>(Processes);
        sorted.Sort(Comparison(sort));
        return sorted.Count > limit ? sorted.GetRange(0, limit) : sorted;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(Timestamp), Timestamp, first: true);
        Printing.Member(builder, nameof(UptimeSeconds), UptimeSeconds);
        Printing.List(builder, nameof(Processes), Processes);
        Printing.Member(builder, nameof(WindowSeconds), WindowSeconds);
        Printing.Member(builder, nameof(Skipped), Skipped);
        Printing.Member(builder, nameof(Failure), Failure);
        return true;
    }

    private static Comparison<ProcessEntry> Comparison(ProcessSort sort) => sort switch
    {
        ProcessSort.Cpu => static (a, b) => Descending(a.CpuPercent, b.CpuPercent, a, b),
        ProcessSort.Memory => static (a, b) => Descending(a.RssBytes, b.RssBytes, a, b),
        ProcessSort.Name => static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name) is int c and not 0 ? c : a.Pid.CompareTo(b.Pid),
        ProcessSort.Time => static (a, b) => b.RunningSeconds.CompareTo(a.RunningSeconds) is int c and not 0 ? c : a.Pid.CompareTo(b.Pid),
        _ => static (a, b) => a.Pid.CompareTo(b.Pid),
    };

    /// <summary>Larger first, unknown last, ties by pid.</summary>
    private static int Descending<T>(T? x, T? y, ProcessEntry a, ProcessEntry b)
        where T : struct, IComparable<T>
    {
        int order = (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => y.Value.CompareTo(x.Value),
        };
        return order != 0 ? order : a.Pid.CompareTo(b.Pid);
    }
}
