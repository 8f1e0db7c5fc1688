using System.Text.Json.Serialization;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Memory;

/// <summary>
/// Source-generated JSON for conversations as the SQLite store keeps them. Times are written as UTC milliseconds,
/// the same precision the DynamoDB store keeps, so both stores read back the same conversation.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(Conversation))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
