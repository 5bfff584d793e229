namespace HardwareProbes.Memory;

/// <summary>Swap space with psutil's <c>swap_memory()</c> definitions, in bytes.</summary>
/// <param name="TotalBytes">SwapTotal.</param>
/// <param name="UsedBytes">SwapTotal − SwapFree.</param>
/// <param name="FreeBytes">SwapFree.</param>
/// <param name="Percent">used / total × 100; 0 when there is no swap.</param>
/// <param name="CachedBytes">SwapCached (what tegrastats prints as <c>cached</c>); null where the source has no such figure.</param>
public sealed record SwapReading(long TotalBytes, long UsedBytes, long FreeBytes, double Percent, long? CachedBytes = null)
{
    /// <summary>Derives the reading from parsed meminfo.</summary>
    /// <param name="info">The parsed file.</param>
    /// <returns>The reading.</returns>
    public static SwapReading From(MemInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        long used = Math.Max(0, info.SwapTotalBytes - info.SwapFreeBytes);
        double percent = info.SwapTotalBytes > 0 ? used * 100.0 / info.SwapTotalBytes : 0;
        return new SwapReading(info.SwapTotalBytes, used, info.SwapFreeBytes, percent, info.SwapCachedBytes);
    }
}
