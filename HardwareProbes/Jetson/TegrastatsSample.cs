using System.Text;

namespace HardwareProbes.Jetson;

/// <summary>One line of tegrastats, parsed. Fields the line does not print are null or empty.</summary>
/// <param name="Timestamp">The leading timestamp (JetPack 5+, or a logger's prefix), or null.</param>
/// <param name="Ram">RAM.</param>
/// <param name="Swap">Swap (absent on JetPack 3 and some Thor lines).</param>
/// <param name="Iram">IRAM (Nano and TX1, as root).</param>
/// <param name="Cores">Every CPU by id, offline ones included.</param>
/// <param name="Engines">GR3D, EMC, NVENC, NVDEC, VIC, APE and the rest, in line order.</param>
/// <param name="MtsForegroundPercent">MTS foreground load (TX2, Xavier as root), or null.</param>
/// <param name="MtsBackgroundPercent">MTS background load, or null.</param>
/// <param name="Temperatures">Every temperature, in line order.</param>
/// <param name="Rails">Every power rail, in line order; names can repeat.</param>
/// <param name="Unrecognized">Tokens no rule matched, kept so nothing is silently dropped.</param>
/// <param name="Rejected">
/// Fields that were recognised but carried impossible values (a load over 100 %, a NaN temperature, used memory over
/// the total, an absurd frequency or rail), one reason each; those values are null or left out instead of served.
/// </param>
public sealed record TegrastatsSample(
    DateTime? Timestamp,
    TegraMemory? Ram,
    TegraMemory? Swap,
    TegraMemory? Iram,
    IReadOnlyList<TegraCore> Cores,
    IReadOnlyList<TegraEngine> Engines,
    int? MtsForegroundPercent,
    int? MtsBackgroundPercent,
    IReadOnlyList<TegraTemperature> Temperatures,
    IReadOnlyList<TegraRail> Rails,
    IReadOnlyList<string> Unrecognized,
    IReadOnlyList<string>? Rejected = null)
{
    /// <summary>Gets the reasons values were rejected (never null).</summary>
    public IReadOnlyList<string> RejectedValues => Rejected ?? [];

    /// <summary>Gets the GPU (first GPC group): <c>GR3D_FREQ</c>, or <c>GR3D</c> in the legacy format.</summary>
    public TegraEngine? Gpu => Engine("GR3D_FREQ") ?? Engine("GR3D");

    /// <summary>Gets the second GPC group that JetPack 5.0 AGX Orin prints as <c>GR3D2_FREQ</c>.</summary>
    public TegraEngine? Gpu2 => Engine("GR3D2_FREQ");

    /// <summary>Gets the memory controller: <c>EMC_FREQ</c>, or <c>EMC</c> in the legacy format.</summary>
    public TegraEngine? Emc => Engine("EMC_FREQ") ?? Engine("EMC");

    /// <summary>Finds an engine by the name tegrastats printed.</summary>
    /// <param name="name">The exact name.</param>
    /// <returns>The engine, or null when the line does not print it.</returns>
    public TegraEngine? Engine(string name)
    {
        // Indexed, not foreach: enumerating the interface would allocate an enumerator on every lookup.
        for (int i = 0; i < Engines.Count; i++)
        {
            if (string.Equals(Engines[i].Name, name, StringComparison.Ordinal))
            {
                return Engines[i];
            }
        }

        return null;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(Timestamp), Timestamp, first: true);
        Printing.Member(builder, nameof(Ram), Ram);
        Printing.Member(builder, nameof(Swap), Swap);
        Printing.Member(builder, nameof(Iram), Iram);
        Printing.List(builder, nameof(Cores), Cores);
        Printing.List(builder, nameof(Engines), Engines);
        Printing.Member(builder, nameof(MtsForegroundPercent), MtsForegroundPercent);
        Printing.Member(builder, nameof(MtsBackgroundPercent), MtsBackgroundPercent);
        Printing.List(builder, nameof(Temperatures), Temperatures);
        Printing.List(builder, nameof(Rails), Rails);
        Printing.List(builder, nameof(Unrecognized), Unrecognized);
        Printing.List(builder, nameof(RejectedValues), RejectedValues);
        return true;
    }
}
