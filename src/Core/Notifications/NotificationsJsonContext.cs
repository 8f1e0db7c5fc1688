using System.Text.Json.Serialization;

namespace MspSupport.Core.Notifications;

/// <summary>Source-generated JSON for conversation references as the SQLite store keeps them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationReference))]
internal sealed partial class NotificationsJsonContext : JsonSerializerContext;
