namespace HardwareProbes.Cpu;

/// <summary>Names of ARM cores by cpuinfo implementer and part code, for kernels that print no <c>model name</c>.</summary>
internal static class ArmCpuParts
{
    public static string? Name(string? implementer, string? part) => (implementer, part) switch
    {
        ("0x41", "0xb76") => "ARM1176",
        ("0x41", "0xc07") => "Cortex-A7",
        ("0x41", "0xd03") => "Cortex-A53",
        ("0x41", "0xd04") => "Cortex-A35",
        ("0x41", "0xd05") => "Cortex-A55",
        ("0x41", "0xd07") => "Cortex-A57",
        ("0x41", "0xd08") => "Cortex-A72",
        ("0x41", "0xd09") => "Cortex-A73",
        ("0x41", "0xd0a") => "Cortex-A75",
        ("0x41", "0xd0b") => "Cortex-A76",
        ("0x41", "0xd0c") => "Neoverse-N1",
        ("0x41", "0xd41") => "Cortex-A78",
        ("0x41", "0xd42") => "Cortex-A78AE",
        ("0x41", "0xd4f") => "Neoverse-V2",
        ("0x41", "0xd80") => "Cortex-A520",
        ("0x41", "0xd81") => "Cortex-A720",
        ("0x4e", "0x003") => "NVIDIA Denver 2",
        ("0x4e", "0x004") => "NVIDIA Carmel",
        _ => null,
    };
}
