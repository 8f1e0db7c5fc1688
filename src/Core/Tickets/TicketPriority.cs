using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

[JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))]
public enum TicketPriority
{
    Low,
    Medium,
    High,
    Critical,
}
