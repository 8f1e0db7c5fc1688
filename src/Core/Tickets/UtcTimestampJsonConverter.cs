using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>Writes and reads <see cref="DateTimeOffset"/> as <see cref="UtcTimestamp"/> text.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The reader's own ISO 8601 parser works on the UTF-8 bytes without a string; a time it reads with another
        // offset (or none, which it takes as local) goes the general way, which assumes UTC and converts to it.
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var fast) && fast.Offset == TimeSpan.Zero)
        {
            return fast;
        }

        return UtcTimestamp.TryParse(reader.GetString(), out var value) ? value : throw new JsonException("Expected an ISO 8601 time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> text = stackalloc char[32];
        if (value.UtcDateTime.TryFormat(text, out var written, UtcTimestamp.Format, System.Globalization.CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(text[..written]);
            return;
        }

        writer.WriteStringValue(UtcTimestamp.ToText(value));
    }
}
