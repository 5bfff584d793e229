namespace HardwareProbes.RaspberryPi;

/// <summary>One rail of the Raspberry Pi 5's power-management IC, as <c>vcgencmd pmic_read_adc</c> reports it.</summary>
/// <param name="Name">The rail (<c>VDD_CORE</c>, <c>3V3_SYS</c>, <c>EXT5V</c>), without the <c>_A</c>/<c>_V</c> suffix.</param>
/// <param name="Volts">Its voltage; null when the PMIC gives none (or one outside 0 to 6 V).</param>
/// <param name="Amperes">Its current; null when the PMIC gives none (EXT5V and BATT have no current sensor).</param>
public sealed record PmicRail(string Name, double? Volts, double? Amperes)
{
    /// <summary>Gets the rail's power, volts × amperes; null unless both are known.</summary>
    public double? Watts => Volts * Amperes;
}
