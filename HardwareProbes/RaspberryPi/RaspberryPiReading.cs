namespace HardwareProbes.RaspberryPi;

/// <summary>What only a Raspberry Pi reports: throttling, voltages and clocks of the VideoCore, the firmware.</summary>
/// <param name="Throttle">The decoded get_throttled mask, from sysfs (<c>soc:firmware/get_throttled</c>) or vcgencmd.</param>
/// <param name="UnderVoltageNow">The hwmon <c>rpi_volt</c> <c>in0_lcrit_alarm</c>, else bit 0 of <paramref name="Throttle"/>.</param>
/// <param name="CoreVolts">Core voltage (<c>measure_volts core</c>), in volts.</param>
/// <param name="ArmClockHz">Arm clock: cpufreq of cpu0, else <c>measure_clock arm</c>, in Hz.</param>
/// <param name="CoreClockHz">VideoCore core clock (<c>measure_clock core</c>), in Hz.</param>
/// <param name="V3dClockHz">3D block clock (<c>measure_clock v3d</c>), in Hz.</param>
/// <param name="SdramClockHz">SDRAM clock as configured (<c>get_config sdram_freq</c>, MHz × 10⁶), in Hz; null when unset.</param>
/// <param name="GpuMemoryBytes">Memory given to the GPU (<c>get_mem gpu</c>), in bytes.</param>
/// <param name="Firmware">The firmware build (<c>version</c>).</param>
public sealed record RaspberryPiReading(
    ThrottleState? Throttle,
    bool? UnderVoltageNow,
    double? CoreVolts,
    long? ArmClockHz,
    long? CoreClockHz,
    long? V3dClockHz,
    long? SdramClockHz,
    long? GpuMemoryBytes,
    FirmwareVersion? Firmware)
{
    /// <summary>Gets a Raspberry Pi 5's PMIC rails, 5 V input and power estimate (<c>vcgencmd pmic_read_adc</c>); null on other models.</summary>
    public PmicReading? Pmic { get; init; }

    /// <summary>Gets why a Raspberry Pi 5's PMIC last cut the power (<c>/proc/device-tree/chosen/power/power_reset</c>); null where the bootloader gives none.</summary>
    public PowerReset? PowerReset { get; init; }
}
