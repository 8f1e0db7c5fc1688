namespace MspSupport.Core.Tickets;

/// <summary>The channel a ticket was filed from.</summary>
public enum TicketSource
{
    Api,
    Teams,
    Slack,
    Web,
}
