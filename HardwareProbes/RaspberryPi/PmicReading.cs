namespace HardwareProbes.RaspberryPi;

/// <summary>
/// The Raspberry Pi 5's PMIC ADC (<c>vcgencmd pmic_read_adc</c>): every rail's volts and amperes, the 5 V input and
/// the board's power estimate.
/// </summary>
/// <param name="Rails">Each rail in the order the firmware printed it (first appearance of its current or voltage).</param>
public sealed record PmicReading(IReadOnlyList<PmicRail> Rails)
{
    /// <summary>Gets the 5 V input the PMIC measures after the board's input protection (<c>EXT5V_V</c>), in volts.</summary>
    public double? Ext5vVolts => Rails.FirstOrDefault(r => r.Name == "EXT5V")?.Volts;

    /// <summary>
    /// Gets the sum of volts × amperes over every rail with both, in watts: what the PMIC's outputs deliver. It leaves
    /// out what the board draws before the PMIC (USB ports, the fan, conversion losses), so it reads below a USB-C
    /// power meter; a comparison against one fitted wall power ≈ 1.1327 × this + 0.6444 W (jfikar/RPi5-power).
    /// </summary>
    public double? EstimatedWatts
    {
        get
        {
            double sum = 0;
            bool any = false;
            foreach (PmicRail rail in Rails)
            {
                if (rail.Watts is double watts)
                {
                    sum += watts;
                    any = true;
                }
            }

            return any ? sum : null;
        }
    }

    /// <summary>Parses the reply: lines <c>  VDD_CORE_A current(7)=0.75012000A</c> and <c>  EXT5V_V volt(24)=5.06788000V</c>.</summary>
    /// <param name="text">The reply.</param>
    /// <returns>The rails, paired by name (the numbers in parentheses are ADC channels and do not pair a rail's lines).</returns>
    /// <exception cref="FormatException">An error reply, a line of another shape, or no rail at all.</exception>
    public static PmicReading Parse(ReadOnlySpan<char> text)
    {
        var names = new List<string>();
        var volts = new Dictionary<string, double?>(StringComparer.Ordinal);
        var amps = new Dictionary<string, double?>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> raw in text.EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            int space = line.IndexOf(' ');
            int equals = line.IndexOf('=');
            if (line.StartsWith("error") || space <= 2 || equals < space)
            {
                throw new FormatException($"line {lineNumber}: '{line.ToString()}' is not a PMIC reading");
            }

            ReadOnlySpan<char> key = line[..space];
            bool isCurrent = key.EndsWith("_A") && line[space..].TrimStart().StartsWith("current(");
            bool isVoltage = key.EndsWith("_V") && line[space..].TrimStart().StartsWith("volt(");
            char unit = isCurrent ? 'A' : 'V';
            ReadOnlySpan<char> value = line[(equals + 1)..];
            if ((!isCurrent && !isVoltage) || value.IsEmpty || value[^1] != unit
                || !double.TryParse(value[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number)
                || !double.IsFinite(number))
            {
                throw new FormatException($"line {lineNumber}: '{line.ToString()}' is not a PMIC reading");
            }

            string name = key[..^2].ToString();
            if (!volts.ContainsKey(name) && !amps.ContainsKey(name))
            {
                names.Add(name);
            }

            // A rail's current is at most a few amperes (VDD_CORE peaks near 10 A under load) and no rail exceeds the 5 V
            // input by much: outside those, the number is a fault, not a reading.
            if (isCurrent)
            {
                amps[name] = number is >= 0 and <= MaxAmperes ? number : null;
            }
            else
            {
                volts[name] = number is >= 0 and <= VcgencmdReply.MaxVolts ? number : null;
            }
        }

        return names.Count == 0
            ? throw new FormatException("no PMIC rail in the reply")
            : new PmicReading([.. names.Select(n => new PmicRail(n, volts.GetValueOrDefault(n), amps.GetValueOrDefault(n)))]);
    }

    /// <summary>The highest current accepted on one rail, in amperes.</summary>
    public const double MaxAmperes = 25;

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        Printing.List(builder, nameof(Rails), Rails, first: true);
        Printing.Member(builder, nameof(Ext5vVolts), Ext5vVolts);
        Printing.Member(builder, nameof(EstimatedWatts), EstimatedWatts);
        return true;
    }
}
