namespace HardwareProbes.Memory;

/// <summary>Memory in use as every source can give it: the kernel's <c>/proc/meminfo</c>, or tegrastats' RAM and SWAP fields.</summary>
/// <param name="UsedBytes">Bytes in use (for RAM, total minus available).</param>
/// <param name="TotalBytes">Bytes in all.</param>
/// <param name="CachedBytes">For swap, bytes also held in RAM (SwapCached, tegrastats' <c>cached</c>); null when not given.</param>
/// <param name="Source">The source the figures came from (<see cref="Snapshots.SourceNames"/>): <c>memory</c> (the kernel's or Windows' own figures) or <c>tegrastats</c>.</param>
public sealed record MemoryUse(long UsedBytes, long TotalBytes, long? CachedBytes, string Source);
