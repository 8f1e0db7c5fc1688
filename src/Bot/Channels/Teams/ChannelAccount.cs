using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Teams;

public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }

    /// <summary>The user's Entra ID object id (Teams).</summary>
    public string? AadObjectId { get; init; }

    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
