using HardwareProbes.IO;

namespace HardwareProbes.Snapshots;

/// <summary>
/// How every reader of a snapshot reads a file and records its source's status: the status is "ok" or the reason the
/// reading is null, and nothing a reader throws takes the snapshot down.
/// </summary>
internal static class SourceReads
{
    /// <summary>Parses one file into <paramref name="sources"/>[<paramref name="source"/>]'s reading.</summary>
    public static T? Read<T>(this ProbeFiles files, string path, string source, SpanParser<T> parser, Dictionary<string, string> sources)
        where T : class
    {
        bool ok = files.TryParse(path, parser, out T? value, out string? failure);
        sources[source] = failure ?? HardwareSnapshot.Ok;
        return ok ? value : null;
    }

    /// <summary>Parses one file into a value-typed reading.</summary>
    public static T? ReadStruct<T>(this ProbeFiles files, string path, string source, SpanParser<T> parser, Dictionary<string, string> sources)
        where T : struct
    {
        bool ok = files.TryParse(path, parser, out T value, out string? failure);
        sources[source] = failure ?? HardwareSnapshot.Ok;
        return ok ? value : null;
    }

    /// <summary>Reads one integer attribute; outside [min, max] it is null and the first such reason is kept.</summary>
    public static double? ReadInRange(this ProbeFiles files, string path, long min, long max, string what, ref string? failure)
    {
        if (!files.TryReadInt64(path, out long value, out string? why))
        {
            failure ??= why;
            return null;
        }

        if (value < min || value > max)
        {
            failure ??= $"{path}: {value} is outside the {what} range {min} to {max}";
            return null;
        }

        return value;
    }

    /// <summary>
    /// Runs one reading so that whatever it throws becomes its source's reason instead of taking the snapshot down:
    /// readers report bad contents themselves, so an exception here is a defect or an impossible value they did not
    /// foresee. The reading is then <paramref name="fallback"/>.
    /// </summary>
    public static T Guard<T>(string source, Dictionary<string, string> sources, Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            sources[source] = Reason(e);
            return fallback;
        }
    }

    /// <summary>An exception as a source's reason.</summary>
    public static string Reason(Exception e) => e is OverflowException
        ? $"values too large to be real ({e.Message})"
        : $"{e.GetType().Name}: {e.Message}";
}
