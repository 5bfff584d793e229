using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Thermal;

/// <summary>Finds the fans (hwmon channels and a Jetson's pwm-fan device) and the thermal cooling devices, once per static refresh.</summary>
internal static class CoolingDiscovery
{
    public static List<FanFile> DiscoverFans(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon, Dictionary<string, string> sources)
    {
        var fans = new List<FanFile>();
        foreach ((string chip, string dir, string chipName) in hwmon)
        {
            var channels = new SortedSet<int>();
            foreach (string name in files.ListNames(dir, "fan*_input", out _))
            {
                AddChannel(channels, name.AsSpan(3, name.Length - 3 - "_input".Length));
            }

            foreach (string name in files.ListNames(dir, "pwm*", out _))
            {
                AddChannel(channels, name.AsSpan(3)); // pwm1, not pwm1_enable or pwm1_mode
            }

            if (channels.Count == 0)
            {
                continue;
            }

            foreach (int channel in channels)
            {
                string rpm = $"{dir}/fan{channel}_input", pwm = $"{dir}/pwm{channel}";
                bool hasRpm = files.FileSystem.File.Exists(rpm), hasPwm = files.FileSystem.File.Exists(pwm);
                string label = files.TryReadString($"{dir}/fan{channel}_label", out string? text, out _) ? text : $"fan{channel}";
                fans.Add(new FanFile($"{chipName} {label}", $"{chip}/fan{channel}", hasRpm ? rpm : null, hasPwm ? pwm : null, null));
            }
        }

        // Jetson Nano, TX1/TX2 and Xavier (JetPack 4): the pwm-fan platform device; later releases moved to hwmon pwmfan.
        string legacy = $"{files.Sys}/devices/pwm-fan";
        if (files.FileSystem.File.Exists($"{legacy}/target_pwm"))
        {
            string rpm = $"{legacy}/rpm_measured", current = $"{legacy}/cur_pwm";
            fans.Add(new FanFile("pwm-fan", "pwm-fan", files.FileSystem.File.Exists(rpm) ? rpm : null, files.FileSystem.File.Exists(current) ? current : null, $"{legacy}/target_pwm"));
        }

        if (fans.Count > 0)
        {
            sources[SourceNames.Fans] = HardwareSnapshot.Ok; // each sample then says whether every fan read
        }

        return fans;
    }

    private static void AddChannel(SortedSet<int> channels, ReadOnlySpan<char> digits)
    {
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int channel))
        {
            channels.Add(channel);
        }
    }

    public static List<CoolingFile> DiscoverDevices(ProbeFiles files, Dictionary<string, string> sources)
    {
        var devices = new List<CoolingFile>();
        string thermal = $"{files.Sys}/class/thermal";
        foreach (string device in files.ListNames(thermal, "cooling_device*", out _))
        {
            string dir = $"{thermal}/{device}";
            string type = files.TryReadString($"{dir}/type", out string? named, out _) ? named : device;
            long? max = null;
            string? maxFailure = null;
            if (files.TryReadInt64($"{dir}/max_state", out long value, out string? failure))
            {
                (max, maxFailure) = value >= 0 ? (value, null) : ((long?)null, $"{dir}/max_state: {value} is negative");
            }
            else
            {
                maxFailure = failure;
            }

            devices.Add(new CoolingFile(type, device, $"{dir}/cur_state", max, maxFailure));
        }

        if (devices.Count > 0)
        {
            sources[SourceNames.CoolingDevices] = HardwareSnapshot.Ok;
        }

        return devices;
    }
}

/// <summary>A fan found at discovery: its name, source id and the files of its figures (null where it has none).</summary>
internal sealed record FanFile(string Name, string Source, string? RpmPath, string? PwmPath, string? TargetPwmPath);

/// <summary>A cooling device found at discovery: its type, folder, current-step file and highest step (or why that is unknown).</summary>
internal sealed record CoolingFile(string Type, string Source, string StatePath, long? MaxState, string? MaxFailure);
