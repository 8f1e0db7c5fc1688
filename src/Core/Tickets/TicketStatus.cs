using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>Lifecycle of a ticket. Allowed moves are in <see cref="TicketRules.CanMove"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketStatus>))]
public enum TicketStatus
{
    Open,
    [JsonStringEnumMemberName("In Progress")]
    InProgress,
    Resolved,
    Closed,
}
