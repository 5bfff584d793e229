namespace HardwareProbes.Cpu;

/// <summary>
/// Cumulative time one CPU (or all CPUs together) spent in each state since boot, in USER_HZ ticks (jiffies),
/// as the kernel reports it on a <c>cpu</c> line of <c>/proc/stat</c>.
/// </summary>
/// <param name="User">Time in user mode, guest time included.</param>
/// <param name="Nice">Time in user mode at low priority, guest_nice time included.</param>
/// <param name="System">Time in kernel mode.</param>
/// <param name="Idle">Time idle.</param>
/// <param name="IoWait">Time idle while I/O was outstanding (0 on kernels before 2.5.41).</param>
/// <param name="Irq">Time servicing hardware interrupts.</param>
/// <param name="SoftIrq">Time servicing soft interrupts.</param>
/// <param name="Steal">Time stolen by the hypervisor for other guests.</param>
/// <param name="Guest">Time running a guest; already counted in <paramref name="User"/>.</param>
/// <param name="GuestNice">Time running a niced guest; already counted in <paramref name="Nice"/>.</param>
public readonly record struct CpuTimes(
    ulong User,
    ulong Nice,
    ulong System,
    ulong Idle,
    ulong IoWait,
    ulong Irq,
    ulong SoftIrq,
    ulong Steal,
    ulong Guest,
    ulong GuestNice)
{
    /// <summary>Gets the busy ticks: user + nice + system + irq + softirq + steal. iowait is idle time, not busy.</summary>
    public ulong Busy => User + Nice + System + Irq + SoftIrq + Steal;

    /// <summary>Gets all ticks: busy + idle + iowait. Guest time is inside user and nice and is not added again.</summary>
    public ulong Total => Busy + Idle + IoWait;
}
