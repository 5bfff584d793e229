using System.Text;

namespace HardwareProbes.Jetson;

/// <summary>
/// A hardware unit as tegrastats prints it: <c>GR3D_FREQ 63%@[621]</c>, <c>EMC_FREQ 0%</c>, <c>NVENC 716</c>,
/// <c>NVDEC 40%@115</c>, <c>GR3D_FREQ @[314,314,314]</c> or <c>VIC off</c>.
/// </summary>
/// <param name="Name">The name as printed (<c>GR3D_FREQ</c>, <c>NVENC0</c>, <c>PVA0_FREQ</c>).</param>
/// <param name="Off">True when printed as <c>off</c> (power-gated).</param>
/// <param name="LoadPercent">Utilisation in percent; null when not printed (Thor's GR3D, bare-MHz engines).</param>
/// <param name="FrequenciesMhz">Frequencies in MHz: one, one per GPC for <c>@[a,b]</c>, or none.</param>
public sealed record TegraEngine(string Name, bool Off, int? LoadPercent, IReadOnlyList<int> FrequenciesMhz)
{
    /// <summary>Gets the first (or only) frequency in MHz, or null.</summary>
    public int? FrequencyMhz => FrequenciesMhz.Count > 0 ? FrequenciesMhz[0] : null;

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(Name), Name, first: true);
        Printing.Member(builder, nameof(Off), Off);
        Printing.Member(builder, nameof(LoadPercent), LoadPercent);
        Printing.List(builder, nameof(FrequenciesMhz), FrequenciesMhz);
        return true;
    }
}
