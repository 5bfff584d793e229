namespace MonitorWorker.Service;

/// <summary>The one timestamp format of every body the service writes: ISO-8601 UTC with milliseconds.</summary>
public static class Timestamps
{
    public static string Now(TimeProvider time) => Format((time ?? TimeProvider.System).GetUtcNow());

    public static string Format(DateTimeOffset moment)
        => moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
