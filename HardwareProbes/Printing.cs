using System.Globalization;
using System.Text;

namespace HardwareProbes;

/// <summary>
/// The pieces of a record's <c>ToString</c> that the compiler's version gets wrong: a list prints its items, not its
/// type name (<c>List`1[System.String]</c>); a map prints its entries.
/// </summary>
internal static class Printing
{
    public static void Member<T>(StringBuilder builder, string name, T value, bool first = false)
    {
        Name(builder, name, first);
        Value(builder, value);
    }

    public static void List<T>(StringBuilder builder, string name, IEnumerable<T>? items, bool first = false)
    {
        Name(builder, name, first);
        if (items is null)
        {
            return;
        }

        builder.Append('[');
        bool firstItem = true;
        foreach (T item in items)
        {
            if (!firstItem)
            {
                builder.Append(", ");
            }

            Value(builder, item);
            firstItem = false;
        }

        builder.Append(']');
    }

    public static void Map<TKey, TValue>(StringBuilder builder, string name, IEnumerable<KeyValuePair<TKey, TValue>>? entries, bool first = false)
    {
        Name(builder, name, first);
        if (entries is null)
        {
            return;
        }

        builder.Append('[');
        bool firstEntry = true;
        foreach ((TKey key, TValue value) in entries)
        {
            if (!firstEntry)
            {
                builder.Append(", ");
            }

            Value(builder, key);
            builder.Append(": ");
            Value(builder, value);
            firstEntry = false;
        }

        builder.Append(']');
    }

    private static void Name(StringBuilder builder, string name, bool first)
    {
        if (!first)
        {
            builder.Append(", ");
        }

        builder.Append(name).Append(" = ");
    }

    private static void Value<T>(StringBuilder builder, T value)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                builder.Append(s);
                break;
            case IFormattable f:
                builder.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }
}
