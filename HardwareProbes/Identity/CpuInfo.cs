using System.Globalization;
using System.Text;
using HardwareProbes.IO;

namespace HardwareProbes.Identity;

/// <summary>What <c>/proc/cpuinfo</c> tells about the processor and, on a Raspberry Pi, the board.</summary>
/// <param name="ProcessorIds">The ids of the <c>processor</c> entries (offline CPUs are missing, so they can have gaps).</param>
/// <param name="ModelName">The first <c>model name</c> (x86, 32-bit ARM, some 64-bit ARM kernels), or the old ARM <c>Processor</c> line.</param>
/// <param name="Vendor">x86 <c>vendor_id</c>, or the ARM <c>CPU implementer</c> code (<c>0x41</c> = Arm).</param>
/// <param name="Part">ARM <c>CPU part</c> code (<c>0xd08</c> = Cortex-A72); null elsewhere.</param>
/// <param name="Hardware">The <c>Hardware</c> line (<c>BCM2835</c> on every Pi that prints it; absent on recent 64-bit kernels).</param>
/// <param name="Revision">The Raspberry Pi <c>Revision</c> code.</param>
/// <param name="Serial">The <c>Serial</c> line.</param>
/// <param name="Model">The Raspberry Pi <c>Model</c> line.</param>
/// <param name="CurrentMhz">
/// The <c>cpu MHz</c> line of each processor (x86, and so every VM and cloud host), in MHz, by processor id; values
/// outside 0 to <see cref="MaxMhz"/> are left out. Null when no processor has one (ARM kernels print none).
/// </param>
public sealed record CpuInfo(
    IReadOnlyList<int> ProcessorIds,
    string? ModelName,
    string? Vendor,
    string? Part,
    string? Hardware,
    string? Revision,
    string? Serial,
    string? Model,
    IReadOnlyDictionary<int, double>? CurrentMhz = null)
{
    /// <summary>The highest <c>cpu MHz</c> kept, in MHz; no processor runs at 100 GHz.</summary>
    public const double MaxMhz = 100_000;

    /// <summary>Parses <c>/proc/cpuinfo</c>; separators may be tabs, spaces or both, and unknown keys are skipped.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The parsed facts.</returns>
    /// <remarks>Uniprocessor ARMv6 kernels and s390x print no <c>processor : N</c> lines; their list of ids is empty.</remarks>
    /// <exception cref="FormatException">A <c>processor</c> value is not a number up to <see cref="Cpu.CpuList.MaxCpuId"/>; the message names the line.</exception>
    public static CpuInfo Parse(ReadOnlySpan<char> text)
    {
        var ids = new List<int>();
        Dictionary<int, double>? mhz = null;
        string? modelName = null, vendor = null, part = null, hardware = null, revision = null, serial = null, model = null;
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            int colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            ReadOnlySpan<char> key = line[..colon].Trim();
            ReadOnlySpan<char> value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "processor":
                    ids.Add(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id <= Cpu.CpuList.MaxCpuId
                        ? id
                        : throw TextLines.Malformed(lineNumber, line, $"'{value}' is not a processor number (0 to {Cpu.CpuList.MaxCpuId})"));
                    break;
                case "cpu MHz" when ids.Count > 0
                    && double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double current)
                    && current is > 0 and <= MaxMhz:
                    (mhz ??= [])[ids[^1]] = current;
                    break;
                case "model name" or "Processor":
                    modelName ??= Text(value);
                    break;
                case "vendor_id" or "CPU implementer":
                    vendor ??= Text(value);
                    break;
                case "CPU part":
                    part ??= Text(value);
                    break;
                case "Hardware":
                    hardware ??= Text(value);
                    break;
                case "Revision":
                    revision ??= Text(value);
                    break;
                case "Serial":
                    serial ??= Text(value);
                    break;
                case "Model":
                    model ??= Text(value);
                    break;
            }
        }

        return new CpuInfo(ids, modelName, vendor, part, hardware, revision, serial, model, mhz);
    }

    private static string? Text(ReadOnlySpan<char> value) => value.IsEmpty ? null : value.ToString();

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.List(builder, nameof(ProcessorIds), ProcessorIds, first: true);
        Printing.Member(builder, nameof(ModelName), ModelName);
        Printing.Member(builder, nameof(Vendor), Vendor);
        Printing.Member(builder, nameof(Part), Part);
        Printing.Member(builder, nameof(Hardware), Hardware);
        Printing.Member(builder, nameof(Revision), Revision);
        Printing.Member(builder, nameof(Serial), Serial);
        Printing.Member(builder, nameof(Model), Model);
        Printing.Map(builder, nameof(CurrentMhz), CurrentMhz);
        return true;
    }
}
