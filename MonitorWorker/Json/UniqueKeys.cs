namespace MonitorWorker.Json;

/// <summary>Keys for JSON objects built from lists whose names may repeat (AGX Orin prints two rails named NC).</summary>
public static class UniqueKeys
{
    /// <summary><paramref name="name"/>, or <c>name_2</c>, <c>name_3</c>, … when it is taken, so no entry is lost.</summary>
    public static string For<T>(Dictionary<string, T> map, string name)
    {
        ArgumentNullException.ThrowIfNull(map);
        string key = name;
        for (int n = 2; map.ContainsKey(key); n++)
        {
            key = $"{name}_{n}";
        }

        return key;
    }
}
