namespace HardwareProbes.Jetson;

/// <summary>A power rail: <c>VDD_IN 12479mW/12479mW</c>, <c>POM_5V_IN 933/933</c> (mW implied) or <c>VDD_GPU 37528mW/37528mW/37528mW</c>.</summary>
/// <param name="Name">The rail's name as printed; names can repeat (AGX Orin prints two rails named <c>NC</c>).</param>
/// <param name="CurrentMilliwatts">Instantaneous power.</param>
/// <param name="AverageMilliwatts">Average since tegrastats started.</param>
/// <param name="PeakMilliwatts">The third value JetPack 7.2 prints, or null.</param>
public sealed record TegraRail(string Name, int CurrentMilliwatts, int AverageMilliwatts, int? PeakMilliwatts)
{
    /// <summary>Gets the rail's key, unique within its line: <see cref="Name"/>, or <c>NC_2</c>, <c>NC_3</c>, … for a repeated name.</summary>
    public string Key { get; init; } = Name;
}
