using System.Globalization;
using HardwareProbes.IO;

namespace HardwareProbes.Identity;

/// <summary>The NVIDIA Linux for Tegra release in <c>/etc/nv_tegra_release</c>.</summary>
/// <param name="Major">The release number (<c>36</c> in <c>R36</c>).</param>
/// <param name="Revision">The revision (<c>4.3</c>).</param>
/// <param name="Board">The BOARD field (<c>t210ref</c>, <c>t186ref</c>, <c>generic</c> from R36).</param>
/// <param name="Date">The DATE field as printed (spacing normalised).</param>
/// <param name="KernelVariant">The <c># KERNEL_VARIANT:</c> line (R36+), or null.</param>
public sealed record TegraRelease(int Major, string Revision, string? Board, string? Date, string? KernelVariant)
{
    /// <summary>Gets the L4T version in the usual dotted form, e.g. <c>36.4.3</c>.</summary>
    public string Version => $"{Major.ToString(CultureInfo.InvariantCulture)}.{Revision}";

    /// <summary>Parses the file: one line up to R35, four lines from R36.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The release.</returns>
    /// <exception cref="FormatException">No <c># R&lt;n&gt; (release), REVISION: x.y</c> line.</exception>
    public static TegraRelease Parse(ReadOnlySpan<char> text)
    {
        int lineNumber = 0;
        TegraRelease? release = null;
        foreach (ReadOnlySpan<char> raw in text.EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = raw.Trim();
            if (line.StartsWith("# R") && release is null)
            {
                release = ParseReleaseLine(line, lineNumber);
            }
            else if (line.StartsWith("# KERNEL_VARIANT:") && release is not null)
            {
                release = release with { KernelVariant = line["# KERNEL_VARIANT:".Length..].Trim().ToString() };
            }
        }

        return release ?? throw TextLines.MalformedFile("no '# R<n> (release), REVISION: ...' line");
    }

    private static TegraRelease ParseReleaseLine(ReadOnlySpan<char> line, int lineNumber)
    {
        // # R32 (release), REVISION: 5.1, GCID: 26202423, BOARD: t186ref, EABI: aarch64, DATE: Fri Feb 19 16:50:29 UTC 2021
        ReadOnlySpan<char> afterR = line[3..];
        int space = afterR.IndexOf(' ');
        if (space <= 0 || !int.TryParse(afterR[..space], NumberStyles.None, CultureInfo.InvariantCulture, out int major))
        {
            throw TextLines.Malformed(lineNumber, line, "no release number after '# R'");
        }

        string? revision = Field(line, "REVISION:");
        return revision is null
            ? throw TextLines.Malformed(lineNumber, line, "no REVISION field")
            : new TegraRelease(major, revision, Field(line, "BOARD:"), Field(line, "DATE:"), null);
    }

    private static string? Field(ReadOnlySpan<char> line, string label)
    {
        int at = line.IndexOf(label, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<char> rest = line[(at + label.Length)..];
        int comma = label == "DATE:" ? -1 : rest.IndexOf(',');
        ReadOnlySpan<char> value = (comma < 0 ? rest : rest[..comma]).Trim();
        return value.IsEmpty ? null : string.Join(' ', value.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
