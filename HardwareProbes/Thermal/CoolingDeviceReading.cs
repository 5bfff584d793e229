namespace HardwareProbes.Thermal;

/// <summary>
/// One thermal cooling device (<c>/sys/class/thermal/cooling_deviceN</c>): a fan, a CPU frequency limit or idle
/// injection, stepped by the kernel's thermal governor from 0 (no cooling) to <see cref="MaxState"/>.
/// </summary>
/// <param name="Type">The device's type (<c>pwm-fan</c>, <c>Processor</c>, <c>intel_powerclamp</c>).</param>
/// <param name="Source">The folder name, <c>cooling_device0</c>.</param>
/// <param name="State">The current step, 0 to <see cref="MaxState"/>; null when unreadable or out of range.</param>
/// <param name="MaxState">The highest step; null when unreadable.</param>
/// <param name="Failure">Why a figure is missing, else null.</param>
public sealed record CoolingDeviceReading(string Type, string Source, long? State, long? MaxState, string? Failure);
