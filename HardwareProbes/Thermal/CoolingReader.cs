using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Thermal;

/// <summary>Reads the fans and thermal cooling devices the static facts found: two small files per fan, one per device.</summary>
internal static class CoolingReader
{
    /// <summary>Each fan's RPM and PWM duty (as a percentage); an RPM or PWM outside its range is null with the reason.</summary>
    public static List<FanReading> ReadFans(ProbeFiles files, IReadOnlyList<FanFile> found, Dictionary<string, string> sources)
    {
        var fans = new List<FanReading>(found.Count);
        string? firstFailure = null;
        foreach (FanFile fan in found)
        {
            string? failure = null;
            double? rpm = fan.RpmPath is null ? null : files.ReadInRange(fan.RpmPath, 0, FanReading.MaxRpm, "RPM", ref failure);
            double? pwm = fan.PwmPath is null ? null : Percent(files.ReadInRange(fan.PwmPath, 0, FanReading.MaxPwm, "PWM", ref failure));
            double? target = fan.TargetPwmPath is null ? null : Percent(files.ReadInRange(fan.TargetPwmPath, 0, FanReading.MaxPwm, "PWM", ref failure));
            fans.Add(new FanReading(fan.Name, fan.Source, rpm, pwm, target, failure));
            firstFailure ??= failure;
        }

        sources[SourceNames.Fans] = firstFailure ?? HardwareSnapshot.Ok;
        return fans;
    }

    /// <summary>Each cooling device's step; a step over its max_state is null with the reason.</summary>
    public static List<CoolingDeviceReading> ReadDevices(ProbeFiles files, IReadOnlyList<CoolingFile> found, Dictionary<string, string> sources)
    {
        var devices = new List<CoolingDeviceReading>(found.Count);
        string? firstFailure = null;
        foreach (CoolingFile device in found)
        {
            string? failure = device.MaxFailure;
            double? state = files.ReadInRange(device.StatePath, 0, device.MaxState ?? long.MaxValue, "step", ref failure);
            devices.Add(new CoolingDeviceReading(device.Type, device.Source, state is double s ? (long)s : null, device.MaxState, failure));
            firstFailure ??= failure;
        }

        sources[SourceNames.CoolingDevices] = firstFailure ?? HardwareSnapshot.Ok;
        return devices;
    }

    private static double? Percent(double? pwm) => pwm is double p ? Math.Round(p * 100.0 / FanReading.MaxPwm, 1) : null;
}
