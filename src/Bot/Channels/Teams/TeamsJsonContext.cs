using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>Bot Framework wire JSON: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class TeamsJsonContext : JsonSerializerContext;
