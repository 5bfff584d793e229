using System.Globalization;
using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Sensors;

/// <summary>
/// Finds the sensor channels the kernel's drivers expose, once per static refresh: every IIO device under
/// <c>/sys/bus/iio/devices</c> (BME280, SHT4x, DHT11/22, light sensors, ADCs) and every hwmon chip that measures
/// humidity, voltage, current or power (SHT3x, INA219/INA226, INA3221). Units follow the kernel's ABI documents
/// (Documentation/ABI/testing/sysfs-bus-iio, Documentation/hwmon/sysfs-interface.rst).
/// </summary>
internal static class SensorChannels
{
    /// <summary>IIO channel types read, their quantity and the factor from the ABI's unit to the quantity's.</summary>
    private static readonly (string Type, SensorQuantity Quantity, double Factor, string Label)[] IioTypes =
    [
        ("humidityrelative", SensorQuantity.Humidity, 0.001, "humidity"), // milli percent
        ("illuminance", SensorQuantity.Illuminance, 1, "illuminance"), // lux
        ("pressure", SensorQuantity.Pressure, 10, "pressure"), // kilopascal
        ("temp", SensorQuantity.Temperature, 0.001, "temperature"), // milli degrees Celsius
        ("voltage", SensorQuantity.Voltage, 0.001, "voltage"), // millivolts
        ("current", SensorQuantity.Current, 0.001, "current"), // milliamps
        ("power", SensorQuantity.Power, 0.001, "power"), // milliwatts
    ];

    /// <summary>hwmon input kinds read from sensor chips, their quantity and the factor from the ABI's unit.</summary>
    private static readonly (string Prefix, SensorQuantity Quantity, double Factor)[] HwmonKinds =
    [
        ("humidity", SensorQuantity.Humidity, 0.001), // milli percent
        ("in", SensorQuantity.Voltage, 0.001), // millivolts
        ("curr", SensorQuantity.Current, 0.001), // milliamps
        ("power", SensorQuantity.Power, 0.000_001), // microwatts
    ];

    /// <summary>The INA2xx drivers' fixed channels: <c>in0</c> is the shunt's voltage drop, <c>in1</c> the bus voltage.</summary>
    private static readonly HashSet<string> Ina2xx = new(["ina209", "ina219", "ina220", "ina226", "ina230", "ina231", "ina238"], StringComparer.Ordinal);

    public static List<SensorChannel> Discover(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon)
    {
        var channels = new List<SensorChannel>();
        DiscoverIio(files, channels);
        foreach (HwmonChip chip in hwmon)
        {
            DiscoverHwmon(files, chip, channels);
        }

        return channels;
    }

    private static void DiscoverIio(ProbeFiles files, List<SensorChannel> channels)
    {
        string root = $"{files.Sys}/bus/iio/devices";
        // The devices are iio:deviceN; triggers (triggerN) sit beside them and are not sensors.
        foreach (string device in files.ListNames(root, "iio*device*", out _))
        {
            string dir = $"{root}/{device}";
            string chip = files.TryReadString($"{dir}/name", out string? name, out _) ? name : device;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IReadOnlyList<string> names = files.ListNames(dir, "in_*", out _);
            // _input (already scaled by the driver) wins over _raw for the same channel: the names sort _input first.
            foreach (string file in names.OrderBy(n => n.EndsWith("_raw", StringComparison.Ordinal)))
            {
                bool raw = file.EndsWith("_raw", StringComparison.Ordinal);
                if (!raw && !file.EndsWith("_input", StringComparison.Ordinal))
                {
                    continue;
                }

                string channel = file["in_".Length..^(raw ? "_raw".Length : "_input".Length)];
                if (channel.Contains('-', StringComparison.Ordinal) || !seen.Add(channel) || Iio(channel) is not var (type, quantity, factor, label, index, modifier))
                {
                    continue; // a differential pair, a channel already taken, or a type not read here
                }

                double scale = factor, offset = 0;
                if (raw)
                {
                    // The scale and offset are per channel (in_voltage0_scale) or shared by the type (in_voltage_scale).
                    if (!Number(files, dir, channel, type, "scale", out double rawScale))
                    {
                        continue; // a raw count without a scale is not a reading
                    }

                    scale *= rawScale;
                    offset = Number(files, dir, channel, type, "offset", out double rawOffset) ? rawOffset : 0;
                }

                string shown = files.TryReadString($"{dir}/in_{channel}_label", out string? given, out _) ? given
                    : string.Join(' ', new[] { label, index, modifier }.Where(p => p.Length > 0));
                channels.Add(new SensorChannel(chip, shown, quantity, $"{device}/{file}", $"{dir}/{file}", scale, offset, Decimal: true));
            }
        }
    }

    private static void DiscoverHwmon(ProbeFiles files, HwmonChip chip, List<SensorChannel> channels)
    {
        var found = new List<(string Channel, SensorQuantity Quantity, double Factor)>();
        foreach ((string prefix, SensorQuantity quantity, double factor) in HwmonKinds)
        {
            foreach (string input in files.ListNames(chip.Directory, $"{prefix}*_input", out _))
            {
                string channel = input[..^"_input".Length];
                if (int.TryParse(channel.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && Wanted(files, chip, prefix, index))
                {
                    found.Add((channel, quantity, factor));
                }
            }
        }

        if (found.Count == 0)
        {
            return; // not a sensor chip: its temperatures are the thermal readers', its fans the cooling readers'
        }

        if (found.Exists(f => f.Quantity == SensorQuantity.Humidity))
        {
            // An environment sensor (SHT3x, SHT4x, HIH6130): its temperature belongs beside its humidity.
            foreach (string input in files.ListNames(chip.Directory, "temp*_input", out _))
            {
                found.Insert(0, (input[..^"_input".Length], SensorQuantity.Temperature, 0.001));
            }
        }

        foreach ((string channel, SensorQuantity quantity, double factor) in found)
        {
            channels.Add(new SensorChannel(chip.Name, Label(files, chip, channel), quantity, $"{chip.Id}/{channel}", $"{chip.Directory}/{channel}_input", factor));
        }

        if (chip.Name == "ina3221")
        {
            // The INA3221 driver has no power files: each channel's power is its bus volts times its amperes.
            foreach ((string channel, _, _) in found.Where(f => f.Quantity == SensorQuantity.Current))
            {
                string n = channel["curr".Length..];
                string volts = $"{chip.Directory}/in{n}_input";
                if (found.Exists(f => f.Channel == $"in{n}"))
                {
                    channels.Add(new SensorChannel(chip.Name, Label(files, chip, $"in{n}"), SensorQuantity.Power, $"{chip.Id}/in{n}×curr{n}", volts, 0.001, SecondPath: $"{chip.Directory}/{channel}_input", SecondScale: 0.001));
                }
            }
        }
    }

    /// <summary>
    /// Whether an hwmon input is read: not an INA3221's shunt voltages (<c>in4</c>-<c>in7</c>, which its driver gives in
    /// microvolts, against the ABI's millivolts) nor its summed current (<c>curr4</c>, the other three again), and not a
    /// channel switched off (<c>inN_enable</c> 0, whose input only errors).
    /// </summary>
    private static bool Wanted(ProbeFiles files, HwmonChip chip, string prefix, int index)
    {
        if (chip.Name == "ina3221" && ((prefix == "in" && index >= 4) || (prefix == "curr" && index >= 4)))
        {
            return false;
        }

        string enable = $"{chip.Directory}/{(prefix == "curr" && chip.Name == "ina3221" ? "in" : prefix)}{index.ToString(CultureInfo.InvariantCulture)}_enable";
        return !files.FileSystem.File.Exists(enable) || !files.TryReadInt64(enable, out long on, out _) || on != 0;
    }

    /// <summary>
    /// A channel's name: its <c>_label</c> file; for an INA3221 current, its channel's voltage label; for an INA2xx,
    /// shunt or bus; else the channel (<c>in1</c>).
    /// </summary>
    private static string Label(ProbeFiles files, HwmonChip chip, string channel)
    {
        if (files.TryReadString($"{chip.Directory}/{channel}_label", out string? label, out _))
        {
            return label;
        }

        if (chip.Name == "ina3221" && channel.StartsWith("curr", StringComparison.Ordinal)
            && files.TryReadString($"{chip.Directory}/in{channel["curr".Length..]}_label", out string? railLabel, out _))
        {
            return railLabel;
        }

        return Ina2xx.Contains(chip.Name) && channel is "in0" or "in1" ? (channel == "in0" ? "shunt" : "bus") : channel;
    }

    /// <summary>Splits an IIO channel name (<c>temp</c>, <c>voltage0</c>, <c>temp_ambient</c>) into its type, index and modifier.</summary>
    private static (string Type, SensorQuantity Quantity, double Factor, string Label, string Index, string Modifier)? Iio(string channel)
    {
        foreach ((string type, SensorQuantity quantity, double factor, string label) in IioTypes)
        {
            if (!channel.StartsWith(type, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = channel[type.Length..];
            int digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            string modifier = rest[digits..];
            if (modifier.Length > 0 && modifier[0] != '_')
            {
                return null; // another type that starts alike (temperature is temp, but tempX is not)
            }

            return (type, quantity, factor, label, rest[..digits], modifier.TrimStart('_').Replace('_', ' '));
        }

        return null;
    }

    /// <summary>The channel's own attribute (<c>in_voltage0_scale</c>), else the one its type shares (<c>in_voltage_scale</c>).</summary>
    private static bool Number(ProbeFiles files, string dir, string channel, string type, string attribute, out double value)
    {
        foreach (string path in new[] { $"{dir}/in_{channel}_{attribute}", $"{dir}/in_{type}_{attribute}" })
        {
            if (files.FileSystem.File.Exists(path) && files.TryParse(path, static t => SensorReader.ParseDecimal(t), out value, out _))
            {
                return true;
            }
        }

        value = 0;
        return false;
    }
}
