using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>Source-generated JSON for tickets as the stores keep them (camelCase, canonical enum names, UTC times).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(TicketNote))]
[JsonSerializable(typeof(TicketList))]
public sealed partial class TicketJsonContext : JsonSerializerContext;
