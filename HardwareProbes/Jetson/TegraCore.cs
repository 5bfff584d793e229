namespace HardwareProbes.Jetson;

/// <summary>One CPU as tegrastats prints it: <c>15%@729</c>, or <c>off</c>.</summary>
/// <param name="Id">Position in the CPU list, which is the kernel's CPU id (offline CPUs keep theirs).</param>
/// <param name="Online">False for an <c>off</c> entry.</param>
/// <param name="LoadPercent">Load since the previous line, in percent; null when offline.</param>
/// <param name="FrequencyMhz">Frequency in MHz; null when offline or not printed (the legacy format prints one frequency for all, which each core then carries).</param>
public sealed record TegraCore(int Id, bool Online, int? LoadPercent, int? FrequencyMhz);
