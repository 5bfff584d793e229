namespace HardwareProbes;

/// <summary>
/// Keys for readings whose names can repeat (AGX Orin prints two rails named <c>NC</c>; two hwmon chips can share a
/// label): the name itself, or <c>name_2</c>, <c>name_3</c>, … when an earlier reading took it, so a consumer that
/// keys by name loses none.
/// </summary>
/// <remarks>
/// A short list of distinct names (every real line and tree) is scanned and nothing is allocated. The first repeat, or
/// a list longer than <see cref="ScanLimit"/>, switches that list to a set with a next-suffix per name, so even a
/// garbage line of thousands of identical tokens costs linear time.
/// </remarks>
internal sealed class UniqueNames
{
    private const int ScanLimit = 32;
    private readonly HashSet<string> _taken;
    private readonly Dictionary<string, int> _next;

    private UniqueNames(StringComparer comparer)
    {
        _taken = new HashSet<string>(comparer);
        _next = new Dictionary<string, int>(comparer);
    }

    /// <summary>A key for <paramref name="name"/> that no entry of <paramref name="earlier"/> has; <paramref name="keys"/> stays null while names do not repeat.</summary>
    public static string For<T>(ref UniqueNames? keys, StringComparer comparer, string name, List<T> earlier, Func<T, string> keyOf)
    {
        if (keys is null)
        {
            if (earlier.Count < ScanLimit && !Contains(earlier, keyOf, name, comparer))
            {
                return name;
            }

            keys = new UniqueNames(comparer);
            foreach (T item in earlier)
            {
                keys._taken.Add(keyOf(item));
            }
        }

        return keys.Add(name);
    }

    private string Add(string name)
    {
        if (_taken.Add(name))
        {
            return name;
        }

        int n = _next.GetValueOrDefault(name, 2);
        string key;
        do
        {
            key = $"{name}_{n++}";
        }
        while (!_taken.Add(key));

        _next[name] = n;
        return key;
    }

    private static bool Contains<T>(List<T> earlier, Func<T, string> keyOf, string name, StringComparer comparer)
    {
        foreach (T item in earlier)
        {
            if (comparer.Equals(keyOf(item), name))
            {
                return true;
            }
        }

        return false;
    }
}
