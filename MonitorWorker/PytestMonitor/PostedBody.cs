using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.Errors;

namespace MonitorWorker.PytestMonitor;

/// <summary>A pytest-monitor POST body: bounded, a JSON object, its fields read with their types and ranges checked.</summary>
internal static class PostedBody
{
    /// <summary>The JSON object of a POST body, or the error answer: 413 over <see cref="PytestMonitorEndpoints.MaxBodyBytes"/>, 400 for anything but a JSON object.</summary>
    public static async Task<(Fields? Body, JsonHttpResult<ErrorResponse>? Error)> ReadAsync(HttpContext http, TimeProvider time)
    {
        byte[]? bytes = await Http.BoundedBody.ReadAsync(http.Request, PytestMonitorEndpoints.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, ErrorResponse.Result($"The body is over {PytestMonitorEndpoints.MaxBodyBytes} bytes", StatusCodes.Status413PayloadTooLarge, time));
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ErrorResponse.Result($"The body must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}", StatusCodes.Status400BadRequest, time));
            }

            return (new Fields(document.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, ErrorResponse.Result($"The body is not JSON: {e.Message}", StatusCodes.Status400BadRequest, time));
        }
    }

    /// <summary>The fields of a body, read with their types checked; every problem is collected, so one answer names them all.</summary>
    internal sealed class Fields(JsonElement root)
    {
        private readonly List<string> _problems = [];
        private readonly Dictionary<string, string> _otherSpellings = new(StringComparer.Ordinal);

        /// <summary>
        /// The spelling of a field the body uses: <paramref name="name"/> when present, else the first of
        /// <paramref name="others"/> present, else <paramref name="name"/> (whose absence then names the others too).
        /// </summary>
        public string Spelled(string name, params string[] others)
        {
            if (root.TryGetProperty(name, out _))
            {
                return name;
            }

            foreach (string other in others)
            {
                if (root.TryGetProperty(other, out _))
                {
                    return other;
                }
            }

            _otherSpellings[name] = string.Join(" or ", others);
            return name;
        }

        private string Missing(string name) => _otherSpellings.TryGetValue(name, out string? others) ? $"{name} (or {others}) is missing" : $"{name} is missing";

        public JsonHttpResult<ErrorResponse>? Problem(TimeProvider time)
            => _problems.Count == 0 ? null : ErrorResponse.Result("Bad body, nothing stored: " + string.Join("; ", _problems), StatusCodes.Status400BadRequest, time);

        public string Text(string name, bool required = true, bool allowEmpty = false, int maxLength = PytestMonitorEndpoints.MaxTextLength)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    _problems.Add(Missing(name));
                }

                return "";
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                _problems.Add($"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}");
                return "";
            }

            string text = value.GetString()!;
            if (!allowEmpty && text.Length == 0)
            {
                _problems.Add($"{name} is empty");
            }
            else if (text.Length > maxLength)
            {
                _problems.Add($"{name} is longer than {maxLength} characters");
            }

            return text;
        }

        public double Number(string name, double min, double max)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                _problems.Add(Missing(name));
                return 0;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                _problems.Add($"{name} must be a number, not {value.ValueKind.ToString().ToLowerInvariant()}");
                return 0;
            }

            if (number < min || number > max)
            {
                _problems.Add($"{name} {number.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            }

            return number;
        }

        public long Integer(string name, long min, long max)
        {
            double number = Number(name, min, max);
            if (number != Math.Floor(number))
            {
                _problems.Add($"{name} must be a whole number");
            }

            return (long)number;
        }

        /// <summary>An ISO-8601 time; one without an offset is this agent's local time, as pytest-monitor writes it.</summary>
        public DateTimeOffset? Time(string name)
        {
            if (root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                if (DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTimeOffset time))
                {
                    return time;
                }

                _problems.Add($"{name} '{value.GetString()}' is not an ISO-8601 time");
            }

            return null;
        }

        /// <summary>A JSON object whose values are strings, numbers or booleans (the session description), as compact JSON.</summary>
        public string FlatObject(string name)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Object)
            {
                _problems.Add(root.TryGetProperty(name, out _) ? $"{name} must be an object of tags" : $"{name} is missing");
                return "{}";
            }

            foreach (JsonProperty tag in value.EnumerateObject())
            {
                if (tag.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    _problems.Add($"{name}.{tag.Name} must be a string, number or boolean (tags are one level deep)");
                }
                else if (tag.Value.GetRawText().Length > PytestMonitorEndpoints.MaxTextLength)
                {
                    _problems.Add($"{name}.{tag.Name} is longer than {PytestMonitorEndpoints.MaxTextLength} characters");
                }
            }

            return value.GetRawText();
        }
    }
}
