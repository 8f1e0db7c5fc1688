using System.Text.Json.Serialization;
using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>Direct Line wire JSON (the Bot Framework schema): camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(WebChatPageConfig))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class WebChatJsonContext : JsonSerializerContext;
