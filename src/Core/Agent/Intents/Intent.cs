using MspSupport.Core.Tickets;

namespace MspSupport.Core.Agent.Intents;

/// <summary>
/// A recognised request. <see cref="TicketId"/> is null when the user referred back ("close it"); the conversation
/// state supplies the ticket then.
/// </summary>
public sealed record Intent(IntentKind Kind)
{
    public string? TicketId { get; init; }
    public string? Text { get; init; }
    public TicketPriority? Priority { get; init; }
    public bool OpenOnly { get; init; }
}
