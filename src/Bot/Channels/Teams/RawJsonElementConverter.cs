using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Writes a card's JSON as the UTF-8 it was parsed from or serialized to, in one copy, instead of token by token with
/// every string escaped again (about 2 µs for the help card on every answer). The bytes came from a
/// <see cref="JsonDocument"/>, so they are valid JSON and are not validated again. Reading is the default.
/// </summary>
internal sealed class RawJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    /// <remarks>An element of no document (<c>default</c>) throws, as the default writer does.</remarks>
    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
    }
}
