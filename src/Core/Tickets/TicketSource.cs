using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>The channel a ticket was filed from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketSource>))]
public enum TicketSource
{
    [JsonStringEnumMemberName("api")]
    Api,
    [JsonStringEnumMemberName("teams")]
    Teams,
    [JsonStringEnumMemberName("slack")]
    Slack,
    [JsonStringEnumMemberName("web")]
    Web,
}
