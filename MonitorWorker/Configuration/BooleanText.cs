namespace MonitorWorker.Configuration;

/// <summary>
/// The one way the service reads a yes-or-no, in settings (PISTAT_DEBUG=on) and query flags (<c>?block=yes</c>) alike:
/// <c>true</c>, <c>1</c>, <c>yes</c>, <c>on</c> or <c>false</c>, <c>0</c>, <c>no</c>, <c>off</c>, in any case, with
/// surrounding spaces ignored. Anything else is an error naming these words.
/// </summary>
public static class BooleanText
{
    /// <summary>The words, for error messages and the docs.</summary>
    public const string Words = "true, false, 1, 0, yes, no, on, off";

    public static bool TryParse(string? text, out bool value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
