using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>Interactivity payloads: snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackInteraction))]
public sealed partial class SlackInteractionJsonContext : JsonSerializerContext;
