using System.Collections;
using System.Globalization;

namespace MspSupport.Core.Diagnostics;

/// <summary>
/// A log state or scope with its structured values redacted (computed on first read, so a provider that only wants
/// the message pays for nothing else). The message template (<c>{OriginalFormat}</c>) and numbers are kept as they are.
/// </summary>
internal sealed class RedactedLogValues(object state, string? message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";
    private KeyValuePair<string, object?>[]? _values;
    private string? _text = message;

    public int Count => Values.Length;

    public KeyValuePair<string, object?> this[int index] => Values[index];

    private KeyValuePair<string, object?>[] Values => _values ??= Redacted(state);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _text ??= LogRedactor.Redact(state.ToString() ?? "");

    private static KeyValuePair<string, object?>[] Redacted(object state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? [.. pairs.Select(pair => pair.Key == OriginalFormat ? pair : new KeyValuePair<string, object?>(pair.Key, Redact(pair.Value)))]
            : [];

    private static object? Redact(object? value) => value switch
    {
        null => null,
        string text => LogRedactor.Redact(text),
        bool or byte or short or int or long or float or double or decimal or Guid or DateTime or DateTimeOffset or TimeSpan or Enum => value,
        IFormattable formattable => Keep(value, formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Keep(value, value.ToString()),
    };

    /// <summary>An object whose text holds nothing to hide stays the object; otherwise only its redacted text goes on.</summary>
    private static object? Keep(object value, string? text)
    {
        if (text is null)
        {
            return value;
        }

        var redacted = LogRedactor.Redact(text);
        return ReferenceEquals(redacted, text) ? value : redacted;
    }
}
