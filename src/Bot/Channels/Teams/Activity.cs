using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// A Bot Framework activity (the schema Teams and Direct Line share). Only what the bot reads is typed; every other
/// field the channel sends is kept in <see cref="Extra"/> and written back unchanged, so nothing is lost or rejected.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    /// <summary>Kept as text so that it goes back exactly as it came.</summary>
    public string? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? ReplyToId { get; init; }

    /// <summary>Card submissions (Action.Submit / Action.Execute data) and invoke payloads.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The invoke name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; init; }

    /// <summary>installationUpdate: <c>add</c> or <c>remove</c>.</summary>
    public string? Action { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<JsonElement>? Entities { get; init; }
    public JsonElement? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
