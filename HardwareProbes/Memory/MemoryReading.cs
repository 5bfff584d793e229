namespace HardwareProbes.Memory;

/// <summary>
/// Physical memory with psutil's <c>virtual_memory()</c> definitions, in bytes.
/// </summary>
/// <param name="TotalBytes">MemTotal.</param>
/// <param name="AvailableBytes">MemAvailable, or an estimate where the kernel lacks it (see <paramref name="AvailableIsEstimated"/>).</param>
/// <param name="UsedBytes">total − free − buffers − cached, where cached = Cached + SReclaimable; total − free if that is negative.</param>
/// <param name="FreeBytes">MemFree.</param>
/// <param name="BuffersBytes">Buffers.</param>
/// <param name="CachedBytes">Cached + SReclaimable.</param>
/// <param name="Percent">(total − available) / total × 100.</param>
/// <param name="AvailableIsEstimated">
/// True on kernels before 3.14, which lack MemAvailable: available is then estimated the way the kernel
/// computes it, MemFree + Active(file) + Inactive(file) + SReclaimable, without the low-watermark reserve
/// (so it reads slightly high), or MemFree + Cached where those lines are missing too.
/// </param>
public sealed record MemoryReading(
    long TotalBytes,
    long AvailableBytes,
    long UsedBytes,
    long FreeBytes,
    long BuffersBytes,
    long CachedBytes,
    double Percent,
    bool AvailableIsEstimated)
{
    /// <summary>Derives the reading from parsed meminfo.</summary>
    /// <param name="info">The parsed file.</param>
    /// <returns>The reading.</returns>
    public static MemoryReading From(MemInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        long cached = info.CachedBytes + (info.SReclaimableBytes ?? 0);
        long used = info.MemTotalBytes - info.MemFreeBytes - info.BuffersBytes - cached;
        if (used < 0)
        {
            used = Math.Max(0, info.MemTotalBytes - info.MemFreeBytes);
        }

        bool estimated = info.MemAvailableBytes is null;
        long available = info.MemAvailableBytes ?? Estimate(info);
        // Clamp by hand: Math.Clamp throws when a hand-built MemInfo has a negative total.
        available = Math.Min(Math.Max(available, 0), Math.Max(info.MemTotalBytes, 0));
        double percent = info.MemTotalBytes > 0 ? (info.MemTotalBytes - available) * 100.0 / info.MemTotalBytes : 0;
        return new MemoryReading(info.MemTotalBytes, available, used, info.MemFreeBytes, info.BuffersBytes, cached, percent, estimated);
    }

    private static long Estimate(MemInfo info)
        => info is { ActiveFileBytes: long active, InactiveFileBytes: long inactive, SReclaimableBytes: long reclaimable }
            ? info.MemFreeBytes + active + inactive + reclaimable
            : info.MemFreeBytes + info.CachedBytes;
}
