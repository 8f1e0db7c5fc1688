using System.Text.Json.Serialization;
using MspSupport.Core.Cards;

namespace MspSupport.Core.Agent;

/// <summary>Source-generated JSON for the agent's events (what adapters and logs serialize) and its conversation state.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentEvent))]
[JsonSerializable(typeof(IReadOnlyList<AgentEvent>))]
[JsonSerializable(typeof(Card))]
[JsonSerializable(typeof(PendingChange))]
[JsonSerializable(typeof(List<MspSupport.Core.Tickets.TicketAttachment>))]
[JsonSerializable(typeof(MemoryExtraction))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
