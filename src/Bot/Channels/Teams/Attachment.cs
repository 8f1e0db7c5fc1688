using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>A card or a file. Cards carry their JSON in <see cref="Content"/>; files a <see cref="ContentUrl"/>.</summary>
public sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? ContentUrl { get; init; }
    [JsonConverter(typeof(RawJsonElementConverter))]
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
