namespace HardwareProbes.RaspberryPi;

/// <summary>
/// The bits of the firmware's <c>get_throttled</c> mask. Bits 0–3 tell what is happening now; bits 16–19 are
/// sticky and tell what has happened since boot. The layout is the same on every Raspberry Pi, the Pi 5 included.
/// </summary>
[Flags]
public enum ThrottleConditions
{
    /// <summary>No condition now or since boot.</summary>
    None = 0,

    /// <summary>Bit 0: the supply voltage is below the under-voltage threshold now (about 4.63 V).</summary>
    UnderVoltage = 1 << 0,

    /// <summary>Bit 1: the Arm core frequency is capped now.</summary>
    ArmFrequencyCapped = 1 << 1,

    /// <summary>Bit 2: the firmware is throttling now (turbo disabled), for any reason.</summary>
    Throttled = 1 << 2,

    /// <summary>Bit 3: the soft temperature limit is active now.</summary>
    SoftTemperatureLimit = 1 << 3,

    /// <summary>Bit 16: under-voltage has occurred since boot.</summary>
    UnderVoltageOccurred = 1 << 16,

    /// <summary>Bit 17: Arm frequency capping has occurred since boot.</summary>
    ArmFrequencyCappedOccurred = 1 << 17,

    /// <summary>Bit 18: throttling has occurred since boot.</summary>
    ThrottledOccurred = 1 << 18,

    /// <summary>Bit 19: the soft temperature limit has been reached since boot.</summary>
    SoftTemperatureLimitOccurred = 1 << 19,
}
