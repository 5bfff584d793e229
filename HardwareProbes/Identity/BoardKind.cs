namespace HardwareProbes.Identity;

/// <summary>The kind of machine, which decides the board-specific sources.</summary>
public enum BoardKind
{
    /// <summary>A Linux host that is neither a Raspberry Pi nor a Jetson.</summary>
    Linux,

    /// <summary>A Raspberry Pi, from its device-tree model or cpuinfo Model line.</summary>
    RaspberryPi,

    /// <summary>An NVIDIA Jetson (or another Tegra board), from its device-tree model, compatible string or nv_tegra_release.</summary>
    Jetson,

    /// <summary>A Windows host.</summary>
    Windows,
}
