using System.Text.Json;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>A modal as submitted: its callback id, the metadata it was opened with, and its input state.</summary>
public sealed record SlackInteractionView(string? Id, string? CallbackId, string? PrivateMetadata, JsonElement State);
