namespace HardwareProbes.Sensors;

/// <summary>What a sensor measures. Each has one unit in <see cref="SensorReading.Value"/>; see <see cref="SensorUnits"/>.</summary>
public enum SensorQuantity
{
    /// <summary>Temperature, in °C.</summary>
    Temperature,

    /// <summary>Relative humidity, in percent (0 to 100).</summary>
    Humidity,

    /// <summary>Pressure, in hectopascals.</summary>
    Pressure,

    /// <summary>Illuminance, in lux.</summary>
    Illuminance,

    /// <summary>Voltage, in volts.</summary>
    Voltage,

    /// <summary>Current, in amperes.</summary>
    Current,

    /// <summary>Power, in watts.</summary>
    Power,
}
