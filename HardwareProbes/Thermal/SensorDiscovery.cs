using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Thermal;

/// <summary>Finds the temperature inputs, once per static refresh: thermal zones, then hwmon chips (a chip that only mirrors a zone becomes the zone's alias).</summary>
internal static class SensorDiscovery
{
    public static List<SensorFile> Discover(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon, Dictionary<string, string> sources)
    {
        var sensors = new List<SensorFile>();
        string thermal = $"{files.Sys}/class/thermal";
        IReadOnlyList<string> zones = files.ListNames(thermal, "thermal_zone*", out string? failure);
        sources[SourceNames.Thermal] = failure ?? (zones.Count == 0 ? $"{thermal}: no thermal zones" : HardwareSnapshot.Ok);
        foreach (string zone in zones)
        {
            string name = files.TryReadString($"{thermal}/{zone}/type", out string? type, out _) ? type : zone;
            sensors.Add(new SensorFile(name, zone, $"{thermal}/{zone}/temp"));
        }

        foreach ((string chip, string dir, string chipName) in hwmon)
        {
            IReadOnlyList<string> inputs = files.ListNames(dir, "temp*_input", out _);
            if (MirroredZone(sensors, chipName, inputs, files.ListNames(dir, "device", out _).Count > 0) is int zone)
            {
                // The kernel's hwmon view of a thermal zone: the same sensor under a second name, kept as its alias.
                sensors[zone] = sensors[zone] with { Alias = $"{chipName} temp1" };
                continue;
            }

            foreach (string input in inputs)
            {
                string channel = input[..^"_input".Length];
                string label = files.TryReadString($"{dir}/{channel}_label", out string? text, out _) ? text : channel;
                sensors.Add(new SensorFile($"{chipName} {label}", $"{chip}/{channel}", $"{dir}/{input}"));
            }
        }

        return sensors;
    }

    /// <summary>
    /// The thermal zone an hwmon chip only mirrors, or null. The kernel registers a thermal zone with hwmon as a
    /// virtual chip (no <c>device</c> link) named after the zone's type with each '-' made '_', holding the zone's
    /// temperature as <c>temp1</c> alone: the Pi's <c>cpu-thermal</c> zone is also the <c>cpu_thermal</c> chip.
    /// </summary>
    private static int? MirroredZone(List<SensorFile> zones, string chipName, IReadOnlyList<string> inputs, bool hasDevice)
    {
        if (hasDevice || inputs.Count != 1 || inputs[0] != "temp1_input")
        {
            return null;
        }

        for (int i = 0; i < zones.Count; i++)
        {
            if (zones[i].Source.StartsWith("thermal_zone", StringComparison.Ordinal) && zones[i].Alias is null
                && string.Equals(zones[i].Name.Replace('-', '_'), chipName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}

/// <summary>A temperature input found at discovery: its display name, short source id and file, and the other name the same sensor has (an hwmon mirror of a thermal zone).</summary>
internal sealed record SensorFile(string Name, string Source, string Path, string? Alias = null);
