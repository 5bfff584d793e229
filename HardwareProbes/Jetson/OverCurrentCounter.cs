namespace HardwareProbes.Jetson;

/// <summary>
/// One of a Jetson Orin's over-current event counters, from the <c>soctherm_oc</c> hwmon chip
/// (<c>ocN_event_cnt</c>, <c>ocN_throt_en</c>): oc1 counts under-voltage events, oc2 average over-current, oc3
/// instantaneous over-current. The counts are cumulative since boot; each event throttled the SoC when
/// <see cref="ThrottleEnabled"/> is true.
/// </summary>
/// <param name="Name"><c>oc1</c>, <c>oc2</c>, …</param>
/// <param name="Meaning"><c>under-voltage</c>, <c>average over-current</c>, <c>instantaneous over-current</c>, or the name where NVIDIA documents none.</param>
/// <param name="Events">Events since boot; null when unreadable.</param>
/// <param name="ThrottleEnabled">Whether such an event throttles (ocN_throt_en); null where the file is missing.</param>
/// <param name="Failure">Why a figure is missing, else null.</param>
public sealed record OverCurrentCounter(string Name, string Meaning, long? Events, bool? ThrottleEnabled, string? Failure)
{
    /// <summary>What NVIDIA's Orin documentation says each counter counts.</summary>
    internal static string MeaningOf(string name) => name switch
    {
        "oc1" => "under-voltage",
        "oc2" => "average over-current",
        "oc3" => "instantaneous over-current",
        _ => name,
    };
}
