using Microsoft.Extensions.Primitives;
using MonitorWorker.Configuration;

namespace MonitorWorker.Stats;

/// <summary>Parses a boolean query flag with the settings' grammar (<see cref="BooleanText"/>); absent means the default.</summary>
public static class QueryFlag
{
    public static bool TryParse(StringValues values, bool defaultValue, out bool value)
    {
        value = defaultValue;
        if (StringValues.IsNullOrEmpty(values))
        {
            return true;
        }

        return values.Count == 1 && BooleanText.TryParse(values[0], out value);
    }
}
