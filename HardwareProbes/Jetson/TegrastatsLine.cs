using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HardwareProbes.Jetson;

/// <summary>
/// Parser for tegrastats lines of every generation, TX1 (L4T 28) to Thor (JetPack 7.2). Fields are recognised by
/// their shape, not their position: tegrastats reorders them between releases and boards.
/// </summary>
public static class TegrastatsLine
{
    /// <summary>The highest frequency accepted, in MHz; a larger one is rejected rather than served.</summary>
    public const int MaxMhz = 100_000;

    /// <summary>The most power one rail may report, in mW (1 kW; AGX Thor peaks near 130 W).</summary>
    public const int MaxMilliwatts = 1_000_000;

    /// <summary>Parses one line. A line never fails as a whole: what no rule recognises is kept in <see cref="TegrastatsSample.Unrecognized"/>.</summary>
    /// <param name="line">The line; leading and trailing whitespace is ignored.</param>
    /// <returns>The sample.</returns>
    public static TegrastatsSample Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] tokens = line.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var state = new State();
        int firstField = -1;
        for (int i = 0; i < tokens.Length;)
        {
            int unrecognizedBefore = state.Unrecognized.Count;
            int next = ParseField(tokens, i, state);
            if (firstField < 0 && state.Unrecognized.Count == unrecognizedBefore)
            {
                firstField = i;
            }

            i = next;
        }

        // Unrecognised tokens before the first field are a prefix: JetPack 5+'s "MM-DD-YYYY HH:MM:SS" or a logger's
        // own stamp. They become the timestamp when they read as one, and stay unrecognised otherwise.
        if (firstField > 0 && ParseTimestamp(tokens.AsSpan(0, firstField)) is DateTime stamp)
        {
            state.Timestamp = stamp;
            state.Unrecognized.RemoveRange(0, firstField);
        }

        return new TegrastatsSample(
            state.Timestamp, state.Ram, state.Swap, state.Iram, state.Cores, state.Engines,
            state.MtsForeground, state.MtsBackground, state.Temperatures, state.Rails, state.Unrecognized, state.Rejected);
    }

    /// <summary>Parses the field starting at <paramref name="i"/>; returns the index after it.</summary>
    private static int ParseField(string[] tokens, int i, State state)
    {
        string token = tokens[i];
        string? next = i + 1 < tokens.Length ? tokens[i + 1] : null;

        switch (token)
        {
            case "RAM" or "SWAP" or "IRAM" when next is not null && TryMemory(token, tokens, i + 1, state, out TegraMemory? memory, out int after):
                if (token == "RAM")
                {
                    state.Ram = memory;
                }
                else if (token == "SWAP")
                {
                    state.Swap = memory;
                }
                else
                {
                    state.Iram = memory;
                }

                return after;
            case "CPU" or "cpu" when next is not null && TryCores(next, state, out List<TegraCore>? cores):
                state.Cores = cores;
                return i + 2;
            case "MTS" when i + 4 < tokens.Length && tokens[i + 1] == "fg" && tokens[i + 3] == "bg"
                && TryPercent(tokens[i + 2], "MTS fg", state, out int? fg) && TryPercent(tokens[i + 4], "MTS bg", state, out int? bg):
                state.MtsForeground = fg;
                state.MtsBackground = bg;
                return i + 5;
        }

        if (TryTemperature(token, state, out TegraTemperature? temperature))
        {
            string key = UniqueNames.For(ref state.TemperatureKeys, StringComparer.OrdinalIgnoreCase, temperature.Name, state.Temperatures, static t => t.Key);
            state.Temperatures.Add(ReferenceEquals(key, temperature.Name) ? temperature : temperature with { Key = key });
            return i + 1;
        }

        if (next is not null && IsName(token))
        {
            if (TryRail(token, next, state, out TegraRail? rail))
            {
                if (rail.Name.Length > 0)
                {
                    string key = UniqueNames.For(ref state.RailKeys, StringComparer.Ordinal, rail.Name, state.Rails, static r => r.Key);
                    state.Rails.Add(ReferenceEquals(key, rail.Name) ? rail : rail with { Key = key });
                }

                return i + 2;
            }

            if (TryEngine(token, next, state, out TegraEngine? engine))
            {
                state.Engines.Add(engine);
                return i + 2;
            }
        }

        state.Unrecognized.Add(token);
        return i + 1;
    }

    private static DateTime? ParseTimestamp(ReadOnlySpan<string> prefix)
    {
        string joined = string.Join(' ', prefix.ToArray()).Trim('[', ']', ':', ' ').Replace("] :", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        string[] formats = ["MM-dd-yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];
        return DateTime.TryParseExact(joined, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime value) ? value : null;
    }

    // 6185/7620MB, then "(lfb 8x2MB)" or "(cached 1MB)"; IRAM glues "0/252kB(lfb" and prints "252kB)".
    /// <summary>Recognises a memory field; one whose figures are impossible (used over total, overflowing kB) is consumed, rejected and left null.</summary>
    private static bool TryMemory(string name, string[] tokens, int i, State state, out TegraMemory? memory, out int after)
    {
        memory = null;
        after = i;
        string value = tokens[i];
        int paren = value.IndexOf('(', StringComparison.Ordinal);
        string amounts = paren >= 0 ? value[..paren] : value;
        string? openLabel = paren >= 0 ? value[(paren + 1)..] : null;
        int slash = amounts.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !TrySize(amounts[(slash + 1)..], out long total, out string unit)
            || !long.TryParse(amounts.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out long used))
        {
            return false;
        }

        after = i + 1;
        long usedKb = unit == "MB" && used <= long.MaxValue / 1024 ? used * 1024 : unit == "MB" ? -1 : used;
        long? cached = null, lfbKb = null;
        int? lfbCount = null;

        // The bracketed part: a label ("(lfb" / "(cached", or glued) then a size ending in ')'.
        string? label = openLabel;
        int sizeIndex = after;
        if (label is null && after < tokens.Length && tokens[after].StartsWith('('))
        {
            label = tokens[after][1..];
            sizeIndex = after + 1;
        }

        if (label is not null && sizeIndex < tokens.Length && tokens[sizeIndex].EndsWith(')'))
        {
            string size = tokens[sizeIndex][..^1];
            int x = size.IndexOf('x', StringComparison.Ordinal);
            if (label == "lfb" && TrySize(x >= 0 ? size[(x + 1)..] : size, out long blockSize, out _))
            {
                lfbKb = blockSize;
                lfbCount = x >= 0 && int.TryParse(size.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out int count) ? count : null;
                after = sizeIndex + 1;
            }
            else if (label == "cached" && TrySize(size, out long cachedKb, out _))
            {
                cached = cachedKb;
                after = sizeIndex + 1;
            }
        }

        if (usedKb < 0 || usedKb > total)
        {
            state.Rejected.Add($"{name} {value}: used is not between 0 and the total");
            return true;
        }

        memory = new TegraMemory(usedKb, total, cached, lfbKb, lfbCount);
        return true;
    }

    /// <summary>Parses "7620MB", "252kB", "4MB", "512kB" to kB.</summary>
    private static bool TrySize(string text, out long kilobytes, out string unit)
    {
        unit = text.EndsWith("MB", StringComparison.Ordinal) ? "MB" : text.EndsWith("kB", StringComparison.Ordinal) ? "kB" : string.Empty;
        kilobytes = 0;
        if (unit.Length == 0 || !long.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            || (unit == "MB" && value > long.MaxValue / 1024))
        {
            return false;
        }

        kilobytes = unit == "MB" ? value * 1024 : value;
        return true;
    }

    // [15%@729,off,...] or the legacy [17%,13%]@408.
    private static bool TryCores(string text, State state, [NotNullWhen(true)] out List<TegraCore>? cores)
    {
        cores = null;
        int close = text.IndexOf(']', StringComparison.Ordinal);
        if (!text.StartsWith('[') || close < 0)
        {
            return false;
        }

        int? shared = null;
        if (close + 1 < text.Length)
        {
            if (text[close + 1] != '@' || !int.TryParse(text.AsSpan(close + 2), NumberStyles.None, CultureInfo.InvariantCulture, out int f))
            {
                return false;
            }

            shared = f;
        }

        string[] entries = text[1..close].Split(',');
        if (entries.Length > Cpu.CpuList.MaxCpuId + 1)
        {
            return false;
        }

        var rejected = new List<string>();
        int? sharedMhz = Mhz(shared, "CPU", rejected);
        var list = new List<TegraCore>(entries.Length);
        foreach (string entry in entries)
        {
            int id = list.Count;
            if (entry == "off")
            {
                list.Add(new TegraCore(id, false, null, null));
                continue;
            }

            if (!TryLoadAt(entry, $"CPU{id}", rejected, out bool hasLoad, out int? load, out IReadOnlyList<int> freqs) || !hasLoad)
            {
                return false;
            }

            list.Add(new TegraCore(id, true, load, freqs.Count > 0 ? freqs[0] : sharedMhz));
        }

        state.Rejected.AddRange(rejected);
        cores = list;
        return true;
    }

    // name@41.468C, name@-256C, name@52.968C/52.968C
    private static bool TryTemperature(string token, State state, [NotNullWhen(true)] out TegraTemperature? temperature)
    {
        temperature = null;
        int at = token.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || !token.EndsWith('C') || !char.IsAsciiLetter(token[0]))
        {
            return false;
        }

        string[] values = token[(at + 1)..].Split('/');
        if (values.Length > 2 || !TryCelsius(values[0], out double? first))
        {
            return false;
        }

        double? second = null;
        if (values.Length == 2 && !TryCelsius(values[1], out second))
        {
            return false;
        }

        string name = token[..at];
        temperature = new TegraTemperature(name, Plausible(name, first, state), Plausible(name, second, state));
        return true;
    }

    private static bool TryCelsius(string text, out double? celsius)
    {
        celsius = null;
        if (!text.EndsWith('C') || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            return false;
        }

        // -256 is what tegrastats prints for a sensor that is powered off: no reading, not a rejection.
        celsius = value <= -256 ? null : value;
        return true;
    }

    /// <summary>A temperature outside the plausible range (NaN and infinities included) is rejected, not served.</summary>
    private static double? Plausible(string name, double? celsius, State state)
    {
        if (celsius is not double value || value is >= Thermal.Millidegrees.MinimumCelsius and <= Thermal.Millidegrees.MaximumCelsius)
        {
            return celsius;
        }

        state.Rejected.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {value} °C is outside {Thermal.Millidegrees.MinimumCelsius} to {Thermal.Millidegrees.MaximumCelsius} °C"));
        return null;
    }

    // 12479mW/12479mW, 933/933 (mW implied), 37528mW/37528mW/37528mW
    /// <summary>Recognises a rail; one over <see cref="MaxMilliwatts"/> is consumed and rejected (returned with an empty name).</summary>
    private static bool TryRail(string name, string value, State state, [NotNullWhen(true)] out TegraRail? rail)
    {
        rail = null;
        string[] parts = value.Split('/');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        Span<int> mw = stackalloc int[3];
        for (int p = 0; p < parts.Length; p++)
        {
            string part = parts[p].EndsWith("mW", StringComparison.Ordinal) ? parts[p][..^2] : parts[p];
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out mw[p]))
            {
                return false;
            }
        }

        for (int p = 0; p < parts.Length; p++)
        {
            if (mw[p] > MaxMilliwatts)
            {
                state.Rejected.Add($"{name} {value}: over {MaxMilliwatts} mW");
                rail = new TegraRail(string.Empty, 0, 0, null);
                return true;
            }
        }

        rail = new TegraRail(name, mw[0], mw[1], parts.Length == 3 ? mw[2] : null);
        return true;
    }

    // off | 716 | 4% | 0%@114 | 0%@[0,0] | @2133 | @[314,314,314]
    private static bool TryEngine(string name, string value, State state, [NotNullWhen(true)] out TegraEngine? engine)
    {
        engine = null;
        if (value == "off")
        {
            engine = new TegraEngine(name, true, null, []);
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int mhz))
        {
            engine = new TegraEngine(name, false, null, Mhz(mhz, name, state.Rejected) is int f ? [f] : []);
            return true;
        }

        if (!TryLoadAt(value, name, state.Rejected, out _, out int? load, out IReadOnlyList<int> freqs))
        {
            return false;
        }

        engine = new TegraEngine(name, false, load, freqs);
        return true;
    }

    /// <summary>Parses "x%", "x%@f", "x%@[a,b]", "@f", "@[a,b]"; a load over 100 % or a frequency over <see cref="MaxMhz"/> is rejected (null, or no frequencies).</summary>
    private static bool TryLoadAt(string text, string name, List<string> rejected, out bool hasLoad, out int? load, out IReadOnlyList<int> freqs)
    {
        load = null;
        hasLoad = false;
        freqs = [];
        int at = text.IndexOf('@', StringComparison.Ordinal);
        string loadPart = at >= 0 ? text[..at] : text;
        if (loadPart.Length > 0)
        {
            if (!TryPercent(loadPart, name, rejected, out load))
            {
                return false;
            }

            hasLoad = true;
        }
        else if (at < 0)
        {
            return false;
        }

        if (at < 0)
        {
            return true;
        }

        string freqPart = text[(at + 1)..];
        bool bracketed = freqPart.StartsWith('[') && freqPart.EndsWith(']');
        string[] values = (bracketed ? freqPart[1..^1] : freqPart).Split(',');
        if (!bracketed && values.Length != 1)
        {
            return false;
        }

        var list = new List<int>(values.Length);
        foreach (string v in values)
        {
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int f))
            {
                return false;
            }

            list.Add(f);
        }

        foreach (int f in list)
        {
            if (Mhz(f, name, rejected) is null)
            {
                return true; // the frequencies are rejected together: a GPC list with one impossible entry is not a reading
            }
        }

        freqs = list;
        return true;
    }

    private static int? Mhz(int? mhz, string name, List<string> rejected)
    {
        if (mhz is > MaxMhz)
        {
            rejected.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {mhz} MHz is over {MaxMhz} MHz"));
            return null;
        }

        return mhz;
    }

    private static bool TryPercent(string text, string name, State state, out int? percent) => TryPercent(text, name, state.Rejected, out percent);

    /// <summary>Recognises "x%"; a percentage over 100 is recognised but rejected (null).</summary>
    private static bool TryPercent(string text, string name, List<string> rejected, out int? percent)
    {
        percent = null;
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            return false;
        }

        if (value > 100)
        {
            rejected.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}% is over 100%"));
            return true;
        }

        percent = value;
        return true;
    }

    /// <summary>Field names are upper-case letters, digits and underscores (<c>VDD_IN</c>, <c>NVJPG1</c>, <c>SYS5V</c>).</summary>
    private static bool IsName(string token)
    {
        if (!char.IsAsciiLetterUpper(token[0]))
        {
            return false;
        }

        foreach (char c in token)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private sealed class State
    {
        public DateTime? Timestamp { get; set; }

        public TegraMemory? Ram { get; set; }

        public TegraMemory? Swap { get; set; }

        public TegraMemory? Iram { get; set; }

        public List<TegraCore> Cores { get; set; } = [];

        public List<TegraEngine> Engines { get; } = [];

        public int? MtsForeground { get; set; }

        public int? MtsBackground { get; set; }

        public List<TegraTemperature> Temperatures { get; } = [];

        public List<TegraRail> Rails { get; } = [];

        /// <summary>Set once a rail name repeats; see <see cref="UniqueNames"/>.</summary>
        public UniqueNames? RailKeys;

        /// <summary>Set once a temperature name repeats.</summary>
        public UniqueNames? TemperatureKeys;

        public List<string> Unrecognized { get; } = [];

        public List<string> Rejected { get; } = [];
    }
}
