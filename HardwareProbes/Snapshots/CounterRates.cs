using HardwareProbes.Network;
using HardwareProbes.Storage;

namespace HardwareProbes.Snapshots;

/// <summary>
/// Traffic per second between consecutive snapshots of one source, on the monotonic clock: the newest counters become
/// the next baseline. A failed read leaves no baseline, so the next rate is null rather than stretched over two windows.
/// </summary>
internal sealed class CounterRates(TimeProvider time)
{
    private (long At, IReadOnlyList<InterfaceCounters>? Interfaces, DiskIoCounters? Disk)? _previous;

    /// <summary>
    /// The rates since the baseline (null before there is one); with <paramref name="advance"/> these counters, read at
    /// <paramref name="at"/>, become the next baseline.
    /// </summary>
    public (IReadOnlyList<InterfaceRate>? Network, DiskIoRate? Disk) Next(long at, IReadOnlyList<InterfaceCounters>? interfaces, DiskIoCounters? disk, bool advance = true)
    {
        IReadOnlyList<InterfaceRate>? network = null;
        DiskIoRate? diskRate = null;
        if (_previous is { } before)
        {
            double seconds = time.GetElapsedTime(before.At, at).TotalSeconds;
            if (seconds > 0)
            {
                network = interfaces is not null && before.Interfaces is not null ? InterfaceRate.Between(before.Interfaces, interfaces, seconds) : null;
                diskRate = disk is not null && before.Disk is not null ? DiskIoRate.Between(before.Disk, disk, seconds) : null;
            }
        }

        if (advance)
        {
            _previous = (at, interfaces, disk);
        }

        return (network, diskRate);
    }
}
