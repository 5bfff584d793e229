using HardwareProbes.Snapshots;

namespace MonitorWorker.Sampling;

/// <summary>
/// Learns of each snapshot the background sampler takes (one per PISTAT_SAMPLE_SECONDS): live push, the systemd
/// watchdog, and any feature that keeps or forwards samples. Registered in DI; <see cref="SnapshotStore"/> calls each
/// in turn on the sampler's thread, so a subscriber returns quickly and hands slow work elsewhere.
/// </summary>
public interface ISnapshotSubscriber
{
    /// <summary>Called once per sampled snapshot; an exception is logged and does not reach the other subscribers.</summary>
    /// <param name="snapshot">The new snapshot.</param>
    void OnSnapshot(HardwareSnapshot snapshot);
}
