using Microsoft.Extensions.Options;

namespace MonitorWorker.Configuration;

/// <summary>DataAnnotations validation of <see cref="PiStatOptions"/>, generated at compile time (no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class PiStatOptionsValidator : IValidateOptions<PiStatOptions>;
