namespace MonitorWorker.Service;

/// <summary>
/// The two timestamp forms the service writes: ISO-8601 UTC with milliseconds, and Unix seconds with their fraction
/// (the piStat and pytest-monitor shapes, and the history's clock).
/// </summary>
public static class Timestamps
{
    public static string Now(TimeProvider time) => Format((time ?? TimeProvider.System).GetUtcNow());

    public static string Format(DateTimeOffset moment)
        => moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Seconds since the Unix epoch, to the millisecond.</summary>
    public static double UnixSeconds(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds() / 1000.0;
}
