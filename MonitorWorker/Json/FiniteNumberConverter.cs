using System.Text.Json;
using System.Text.Json.Serialization;

namespace MonitorWorker.Json;

/// <summary>
/// Writes a NaN or infinite double as null. The probes turn impossible values into null with a reason before they get
/// here; this is the last guard that keeps a JSON number field from ever carrying "NaN" or failing the whole answer.
/// </summary>
internal sealed class FiniteNumberConverter : JsonConverter<double>
{
    public override bool HandleNull => false;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
