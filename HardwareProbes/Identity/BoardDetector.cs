namespace HardwareProbes.Identity;

/// <summary>Decides the board kind from identity facts.</summary>
public static class BoardDetector
{
    /// <summary>Detects the board.</summary>
    /// <param name="deviceTreeModel">The device-tree model, if any.</param>
    /// <param name="deviceTreeCompatible">The device-tree compatible list (NUL-separated), if any.</param>
    /// <param name="cpuInfo">Parsed cpuinfo, if any.</param>
    /// <param name="tegraRelease">Parsed nv_tegra_release, if any.</param>
    /// <returns>
    /// <see cref="BoardKind.RaspberryPi"/> when the model (device tree or cpuinfo <c>Model</c>) names a Raspberry Pi;
    /// <see cref="BoardKind.Jetson"/> when nv_tegra_release exists, the compatible list names <c>nvidia,tegra</c>, or the
    /// model names Jetson, Orin, Xavier or Clara; otherwise <see cref="BoardKind.Linux"/>.
    /// </returns>
    public static BoardKind Detect(string? deviceTreeModel, string? deviceTreeCompatible, CpuInfo? cpuInfo, TegraRelease? tegraRelease)
    {
        string? model = deviceTreeModel ?? cpuInfo?.Model;
        if (model is not null && model.Contains("Raspberry Pi", StringComparison.OrdinalIgnoreCase))
        {
            return BoardKind.RaspberryPi;
        }

        if (tegraRelease is not null
            || (deviceTreeCompatible?.Contains("nvidia,tegra", StringComparison.Ordinal) ?? false)
            || (model is not null && (model.Contains("jetson", StringComparison.OrdinalIgnoreCase)
                || model.Contains("NVIDIA", StringComparison.Ordinal)
                || model.Contains("Clara", StringComparison.OrdinalIgnoreCase))))
        {
            return BoardKind.Jetson;
        }

        return BoardKind.Linux;
    }
}
