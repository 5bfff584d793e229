namespace HardwareProbes.Thermal;

/// <summary>
/// One fan: an hwmon <c>fanN_input</c> tachometer and its <c>pwmN</c> duty cycle (the Raspberry Pi 5's
/// <c>cooling_fan</c> is hwmon <c>pwmfan</c>, a PC board's is its Super I/O chip), or a Jetson's <c>pwm-fan</c> device.
/// A figure outside its range (RPM 0–50 000, PWM 0–255) is null and <see cref="Failure"/> says why.
/// </summary>
/// <param name="Name">The hwmon chip's name and channel (<c>pwmfan fan1</c>), or <c>pwm-fan</c>.</param>
/// <param name="Source">Where it was read: <c>hwmon2/fan1</c> or <c>pwm-fan</c>.</param>
/// <param name="Rpm">Revolutions per minute from the tachometer; null where the fan has none.</param>
/// <param name="PwmPercent">The duty cycle driven now, 0–100 % (pwm 0–255 scaled); null where the fan has no PWM file.</param>
/// <param name="TargetPwmPercent">The duty cycle asked for (a Jetson's <c>target_pwm</c>), which the driver ramps to; null elsewhere.</param>
/// <param name="Failure">Why a figure is missing, else null.</param>
public sealed record FanReading(string Name, string Source, double? Rpm, double? PwmPercent, double? TargetPwmPercent, string? Failure)
{
    /// <summary>The fastest tachometer reading accepted; above it the value is a glitch, not a fan.</summary>
    public const int MaxRpm = 50_000;

    /// <summary>The largest value of a PWM attribute (hwmon sysfs ABI: 0–255).</summary>
    public const int MaxPwm = 255;
}
