using System.Globalization;
using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Sensors;

/// <summary>Reads every sensor channel discovery found; a failed or impossible one is null with its reason.</summary>
internal static class SensorReader
{
    public static List<SensorReading> Read(ProbeFiles files, IReadOnlyList<SensorChannel> channels, Dictionary<string, string> sources)
    {
        var readings = new List<SensorReading>(channels.Count);
        // Keys are unique within a quantity: an INA3221 channel's volts, amperes and watts share its label.
        var byQuantity = new List<SensorReading>[Enum.GetValues<SensorQuantity>().Length];
        var keys = new UniqueNames?[byQuantity.Length];
        foreach (SensorChannel channel in channels)
        {
            double? value = null;
            double second = 1;
            if (TryRead(files, channel.Path, channel.Decimal, out double number, out string? failure)
                && (channel.SecondPath is null || TryRead(files, channel.SecondPath, false, out second, out failure)))
            {
                double measured = (number + channel.Offset) * channel.Scale;
                measured = channel.SecondPath is null ? measured : measured * second * channel.SecondScale;
                value = SensorUnits.Check(channel.Quantity, measured, out string? why);
                failure = why is null ? null : $"{channel.Path}: {why}";
            }

            int q = (int)channel.Quantity;
            List<SensorReading> same = byQuantity[q] ??= [];
            var reading = new SensorReading(channel.Chip, channel.Label, channel.Quantity, value, channel.ReadFrom, failure)
            {
                Key = UniqueNames.For(ref keys[q], StringComparer.Ordinal, channel.Name, same, static r => r.Key),
                Derived = channel.SecondPath is not null,
            };
            if (failure is not null)
            {
                sources[SourceNames.Sensor(reading.Quantity, reading.Key)] = failure;
            }

            same.Add(reading);
            readings.Add(reading);
        }

        sources[SourceNames.Sensors] = readings.Count > 0 && readings.TrueForAll(r => r.Failure is not null)
            ? $"no sensor could be read ({readings[0].Failure})"
            : HardwareSnapshot.Ok;
        return readings;
    }

    /// <summary>An IIO value: a decimal number, possibly with a fraction (<c>100.716125000</c>) or an exponent.</summary>
    public static double ParseDecimal(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> trimmed = text.Trim();
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"'{trimmed.ToString()}' is not a number");
    }

    private static bool TryRead(ProbeFiles files, string path, bool isDecimal, out double value, out string? failure)
    {
        if (isDecimal)
        {
            return files.TryParse(path, static t => ParseDecimal(t), out value, out failure);
        }

        bool ok = files.TryReadInt64(path, out long integer, out failure);
        value = integer;
        return ok;
    }
}
