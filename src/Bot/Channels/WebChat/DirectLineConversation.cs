using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>Direct Line's answer to starting or reconnecting to a conversation.</summary>
public sealed record DirectLineConversation
{
    public required string ConversationId { get; init; }
    public required string Token { get; init; }

    [JsonPropertyName("expires_in")]
    public required int ExpiresIn { get; init; }

    public string? StreamUrl { get; init; }
}
