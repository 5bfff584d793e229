namespace HardwareProbes.Sensors;

/// <summary>
/// The unit of each <see cref="SensorQuantity"/> and the range a real reading falls in. A value outside it is a fault
/// (a humidity over 100 %, a pressure of 0 or below), served as null with the reason, never as a reading.
/// </summary>
public static class SensorUnits
{
    /// <summary>The unit a reading of <paramref name="quantity"/> is given in.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns><c>°C</c>, <c>%</c>, <c>hPa</c>, <c>lx</c>, <c>V</c>, <c>A</c> or <c>W</c>.</returns>
    public static string Of(SensorQuantity quantity) => quantity switch
    {
        SensorQuantity.Temperature => "°C",
        SensorQuantity.Humidity => "%",
        SensorQuantity.Pressure => "hPa",
        SensorQuantity.Illuminance => "lx",
        SensorQuantity.Voltage => "V",
        SensorQuantity.Current => "A",
        SensorQuantity.Power => "W",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, null),
    };

    /// <summary>The quantity's name in an API, a series or a metric: <c>temperature</c>, <c>humidity</c>, …, the same as Home Assistant's device class for it.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns>Its name in lower case.</returns>
    public static string NameOf(SensorQuantity quantity) => quantity switch
    {
        SensorQuantity.Temperature => "temperature",
        SensorQuantity.Humidity => "humidity",
        SensorQuantity.Pressure => "pressure",
        SensorQuantity.Illuminance => "illuminance",
        SensorQuantity.Voltage => "voltage",
        SensorQuantity.Current => "current",
        SensorQuantity.Power => "power",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, null),
    };

    /// <summary>The lowest and highest value a working sensor of <paramref name="quantity"/> reports, in its unit.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns>The inclusive bounds; pressure's lower bound is exclusive (see <see cref="Check"/>).</returns>
    public static (double Min, double Max) RangeOf(SensorQuantity quantity) => quantity switch
    {
        // The temperature bounds are the thermal readers' (Millidegrees): outside them a value is a driver's sentinel.
        SensorQuantity.Temperature => (-200, 250),
        // Air is never drier than 0.1 %RH outside a lab; a smaller number is a driver giving percent where the ABI says
        // milli percent (the bme680 driver did), which read as milli percent would be a silently wrong 0.04 %.
        SensorQuantity.Humidity => (0.1, 100),
        // Above 0 and up to 10 bar: the BMP280/BME280 measure 300-1100 hPa, other IIO pressure sensors reach a few bar.
        SensorQuantity.Pressure => (0, 10_000),
        // Full sunlight is about 100,000 lx; the TSL2591 tops out at 88,000 lx.
        SensorQuantity.Illuminance => (0, 200_000),
        // Current and power monitors on a board: the INA226 takes 36 V, shunt voltages and currents may be negative.
        SensorQuantity.Voltage => (-1_000, 1_000),
        SensorQuantity.Current => (-1_000, 1_000),
        SensorQuantity.Power => (-100_000, 100_000),
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, null),
    };

    /// <summary>The value when it is in range, else null with why.</summary>
    /// <param name="quantity">What the value measures.</param>
    /// <param name="value">The value in <see cref="Of"/>'s unit.</param>
    /// <param name="failure">Why the value is not a reading; null when it is one.</param>
    /// <returns>The value, or null.</returns>
    public static double? Check(SensorQuantity quantity, double value, out string? failure)
    {
        (double min, double max) = RangeOf(quantity);
        bool below = quantity == SensorQuantity.Pressure ? value <= min : value < min;
        if (double.IsNaN(value) || below || value > max)
        {
            string unit = Of(quantity);
            failure = quantity == SensorQuantity.Pressure
                ? FormattableString.Invariant($"{value:0.###} {unit} is not a pressure (a reading is above {min} and at most {max} {unit})")
                : FormattableString.Invariant($"{value:0.###} {unit} is outside the {quantity.ToString().ToLowerInvariant()} range {min} to {max} {unit}");
            return null;
        }

        failure = null;
        return value;
    }
}
