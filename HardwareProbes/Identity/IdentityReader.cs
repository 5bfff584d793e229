using HardwareProbes.Cpu;
using HardwareProbes.IO;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Identity;

/// <summary>Reads what the machine is, once per static refresh: cpuinfo, the device tree (or DMI), and a Jetson's L4T release.</summary>
internal static class IdentityReader
{
    public static DeviceIdentity Read(ProbeFiles files, Dictionary<string, string> sources)
    {
        CpuInfo? cpuInfo = files.TryParse($"{files.Proc}/cpuinfo", static t => CpuInfo.Parse(t), out CpuInfo? info, out string? failure) ? info : null;
        sources[SourceNames.CpuInfo] = failure ?? HardwareSnapshot.Ok;

        string? model = ReadDeviceTree(files, "model", out string? modelFailure);
        string? compatible = ReadDeviceTreeList(files, "compatible");
        if (model is null && cpuInfo?.Model is null)
        {
            model = ReadDmiModel(files);
        }

        model ??= cpuInfo?.Model;
        sources[SourceNames.Model] = model is not null ? HardwareSnapshot.Ok : $"no device-tree, cpuinfo or DMI model ({modelFailure})";

        string? serial = ReadDeviceTree(files, "serial-number", out string? serialFailure) ?? cpuInfo?.Serial;
        sources[SourceNames.Serial] = serial is not null ? HardwareSnapshot.Ok : $"no device-tree or cpuinfo serial ({serialFailure})";

        TegraRelease? tegra = files.TryParse($"{files.Etc}/nv_tegra_release", static t => TegraRelease.Parse(t), out TegraRelease? release, out string? tegraFailure)
            ? release
            : null;
        sources[SourceNames.TegraRelease] = tegraFailure ?? HardwareSnapshot.Ok;

        string? cpuModel = cpuInfo?.ModelName ?? ArmCpuParts.Name(cpuInfo?.Vendor, cpuInfo?.Part);
        BoardKind board = BoardDetector.Detect(model, compatible, cpuInfo, tegra);
        return new DeviceIdentity(board, model, serial, cpuModel, cpuInfo, tegra, null);
    }

    /// <summary>Reads a device-tree property through procfs, falling back to sysfs's firmware copy.</summary>
    private static string? ReadDeviceTree(ProbeFiles files, string property, out string? failure)
    {
        if (files.TryReadString($"{files.Proc}/device-tree/{property}", out string? value, out failure)
            || files.TryReadString($"{files.Sys}/firmware/devicetree/base/{property}", out value, out _))
        {
            failure = null;
            return value;
        }

        return null;
    }

    private static string? ReadDeviceTreeList(ProbeFiles files, string property)
        => files.TryParse($"{files.Proc}/device-tree/{property}", static t => t.ToString(), out string? list, out _)
            || files.TryParse($"{files.Sys}/firmware/devicetree/base/{property}", static t => t.ToString(), out list, out _)
            ? list
            : null;

    private static string? ReadDmiModel(ProbeFiles files)
    {
        string dmi = $"{files.Sys}/class/dmi/id";
        files.TryReadString($"{dmi}/sys_vendor", out string? vendor, out _);
        files.TryReadString($"{dmi}/product_name", out string? product, out _);
        return (vendor, product) switch
        {
            (null, null) => null,
            (null, _) => product,
            (_, null) => vendor,
            _ => $"{vendor} {product}",
        };
    }
}
