using System.Text.Json;
using MspSupport.Core.Tickets;

namespace MspSupport.TicketFunctions.Http;

/// <summary>
/// Reads the fields of a JSON object one by one, collecting every type error and unknown field (not only the first),
/// so that a 400 names each bad field at once.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _root;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly string _prefix;

    public JsonFields(JsonElement root, ValidationErrors errors, string prefix = "")
    {
        _root = root;
        Errors = errors;
        _prefix = prefix;
        IsObject = root.ValueKind == JsonValueKind.Object;
        if (!IsObject)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), "Send a JSON object ({ ... }).");
        }
    }

    public ValidationErrors Errors { get; }

    public bool IsObject { get; }

    /// <summary>A string field; absent stays absent, null is null only where <paramref name="nullable"/>.</summary>
    public Optional<string?> Text(string name, bool nullable = false)
    {
        if (!TryGet(name, out var value))
        {
            return Optional<string?>.Absent;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null when nullable:
                return new Optional<string?>(true, null);
            default:
                Errors.Add(_prefix + name, nullable ? "Must be a string or null." : "Must be a string.");
                return Optional<string?>.Absent;
        }
    }

    public bool? Flag(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Errors.Add(_prefix + name, "Must be true or false.");
        return null;
    }

    /// <summary>A nested object, read with the same rules; null when absent or not an object.</summary>
    public JsonFields? Nested(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var nested = new JsonFields(value, Errors, $"{_prefix}{name}.");
        return nested.IsObject ? nested : null;
    }

    /// <summary>Reports every property that was not read as unknown, suggesting the right spelling when only the case differs.</summary>
    public void RejectUnknown()
    {
        if (!IsObject)
        {
            return;
        }

        foreach (var property in _root.EnumerateObject())
        {
            if (_known.Contains(property.Name))
            {
                continue;
            }

            var close = _known.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            Errors.Add(_prefix + TicketRules.Shorten(property.Name), close is null
                ? $"Unknown field. Known fields: {string.Join(", ", _known.Order(StringComparer.Ordinal))}."
                : $"Unknown field; did you mean '{close}'?");
        }
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _known.Add(name);
        value = default;
        return IsObject && _root.TryGetProperty(name, out value);
    }
}
