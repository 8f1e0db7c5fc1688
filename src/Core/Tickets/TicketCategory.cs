using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

[JsonConverter(typeof(JsonStringEnumConverter<TicketCategory>))]
public enum TicketCategory
{
    Network,
    Hardware,
    Software,
    Security,
    General,
}
