using Microsoft.Extensions.Primitives;

namespace MonitorWorker.Stats;

/// <summary>Parses a boolean query flag: true/false/1/0, case-insensitive; absent means the default.</summary>
public static class QueryFlag
{
    public static bool TryParse(StringValues values, bool defaultValue, out bool value)
    {
        value = defaultValue;
        if (StringValues.IsNullOrEmpty(values))
        {
            return true;
        }

        if (values.Count != 1)
        {
            return false;
        }

        switch (values[0]!.Trim().ToLowerInvariant())
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                return false;
        }
    }
}
