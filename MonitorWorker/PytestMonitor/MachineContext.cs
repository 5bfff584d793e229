using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using HardwareProbes.Snapshots;

namespace MonitorWorker.PytestMonitor;

/// <summary>
/// This machine as pytest-monitor describes an execution context, in its field names (the body of <c>/api/v1/context</c>). Unlike pytest-monitor's own,
/// <see cref="CpuFrequency"/> is the nominal maximum (cpufreq's <c>cpuinfo_max_freq</c>), not the current DVFS
/// value, so <see cref="H"/> stays the same across runs, reboots and power modes.
/// </summary>
/// <param name="H">The fingerprint: see <see cref="Hash"/>.</param>
/// <param name="CpuCount">The CPUs the kernel knows, offline ones included.</param>
/// <param name="CpuFrequency">The highest nominal maximum of any CPU, in MHz; null where the kernel gives no cpufreq maximum (most VMs).</param>
/// <param name="CpuType">The kernel's machine name (<c>uname -m</c>: aarch64, x86_64, armv7l).</param>
/// <param name="CpuVendor">The processor's name (<c>/proc/cpuinfo</c>'s model name), else the board's model; null when neither is known.</param>
/// <param name="RamTotal">Total RAM in MB (MiB, as pytest-monitor counts).</param>
/// <param name="MachineNode">The host name.</param>
/// <param name="MachineType">Like <see cref="CpuType"/>.</param>
/// <param name="MachineArch">64bit or 32bit (the operating system's word size).</param>
/// <param name="SystemInfo"><c>Linux - &lt;kernel release&gt;</c>, pytest-monitor's form.</param>
/// <param name="RuntimeInfo">pi-stat's version and the .NET runtime's, in place of pytest-monitor's Python version.</param>
public sealed record MachineContext(
    string H,
    int CpuCount,
    int? CpuFrequency,
    string CpuType,
    string? CpuVendor,
    long? RamTotal,
    string MachineNode,
    string MachineType,
    string MachineArch,
    string SystemInfo,
    string RuntimeInfo)
{
    /// <summary>The context of the machine a snapshot was taken on.</summary>
    public static MachineContext From(HardwareSnapshot snapshot, string hostName, string kernelRelease, string runtimeInfo)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        double? max = snapshot.Cpu.Cores.Max(c => c.MaxFrequencyMhz);
        int? frequency = max is double m && double.IsFinite(m) && m > 0 ? (int)Math.Round(m) : null;
        string machine = MachineName();
        string? vendor = snapshot.Identity.CpuInfo?.ModelName ?? snapshot.Identity.CpuModel ?? snapshot.Identity.Model;
        long? ram = snapshot.Memory is { TotalBytes: > 0 } memory ? memory.TotalBytes / (1024 * 1024) : null;
        int count = Math.Max(snapshot.Cpu.Cores.Count, snapshot.Identity.CpuInfo?.ProcessorIds.Count ?? 0);
        string system = $"{(OperatingSystem.IsWindows() ? "Windows" : "Linux")} - {kernelRelease}";
        string arch = Environment.Is64BitOperatingSystem ? "64bit" : "32bit";
        string h = Hash(count, frequency, machine, vendor, ram, hostName, machine, arch, system, runtimeInfo);
        return new MachineContext(h, count, frequency, machine, vendor, ram, hostName, machine, arch, system, runtimeInfo);
    }

    /// <summary>
    /// The fingerprint: SHA-256 over the other fields in their order (numbers in invariant form, a missing value as an
    /// empty string), each followed by a newline, its first 16 bytes as 32 lowercase hex digits, the length of
    /// pytest-monitor's MD5 hashes. The current CPU frequency, load and uptime are not among the fields.
    /// </summary>
    public static string Hash(int cpuCount, int? cpuFrequency, string cpuType, string? cpuVendor, long? ramTotal, string machineNode, string machineType, string machineArch, string systemInfo, string runtimeInfo)
    {
        var text = new StringBuilder();
        foreach (string? field in (string?[])[
            cpuCount.ToString(CultureInfo.InvariantCulture), cpuFrequency?.ToString(CultureInfo.InvariantCulture), cpuType, cpuVendor,
            ramTotal?.ToString(CultureInfo.InvariantCulture), machineNode, machineType, machineArch, systemInfo, runtimeInfo])
        {
            text.Append(field).Append('\n');
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    /// <summary>The kernel's machine name for the operating system's architecture.</summary>
    public static string MachineName() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm => "armv7l",
        Architecture.X86 => "i686",
        Architecture.RiscV64 => "riscv64",
        Architecture other => other.ToString().ToLowerInvariant(),
    };
}
