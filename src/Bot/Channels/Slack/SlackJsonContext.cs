using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>Slack wire JSON: snake_case, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SlackEventEnvelope))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class SlackJsonContext : JsonSerializerContext;
