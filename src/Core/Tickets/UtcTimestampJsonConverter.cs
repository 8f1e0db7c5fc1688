using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>Writes and reads <see cref="DateTimeOffset"/> as <see cref="UtcTimestamp"/> text.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UtcTimestamp.TryParse(reader.GetString(), out var value) ? value : throw new JsonException("Expected an ISO 8601 time.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(UtcTimestamp.ToText(value));
}
