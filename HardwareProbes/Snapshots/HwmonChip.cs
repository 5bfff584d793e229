using HardwareProbes.IO;

namespace HardwareProbes.Snapshots;

/// <summary>
/// One hwmon device: its id (<c>hwmon3</c>), its folder and the driver's <c>name</c> (the id when it has none). The
/// chips are listed once per static refresh and every consumer reads that list: temperature sensors, fans, the Pi's
/// under-voltage alarm (<c>rpi_volt</c>), a Jetson's over-current counters (<c>soctherm_oc</c>).
/// </summary>
internal sealed record HwmonChip(string Id, string Directory, string Name)
{
    /// <summary>Every chip under <c>/sys/class/hwmon</c>, in natural order; empty with the reason when there are none.</summary>
    public static IReadOnlyList<HwmonChip> Walk(ProbeFiles files, out string? failure)
    {
        string root = $"{files.Sys}/class/hwmon";
        IReadOnlyList<string> ids = files.ListNames(root, "hwmon*", out failure);
        if (failure is null && ids.Count == 0)
        {
            failure = $"{root}: no hwmon devices";
        }

        var chips = new List<HwmonChip>(ids.Count);
        foreach (string id in ids)
        {
            string dir = $"{root}/{id}";
            chips.Add(new HwmonChip(id, dir, files.TryReadString($"{dir}/name", out string? name, out _) ? name : id));
        }

        return chips;
    }
}
