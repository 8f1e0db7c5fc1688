using MspSupport.Core.Notifications;

namespace MspSupport.Core.Handoff;

/// <summary>
/// Delivers a technician's (or an approved) message into a customer's conversation, one implementation per channel
/// (<see cref="Name"/> = <c>teams</c>, <c>slack</c>, <c>web</c>, matching <see cref="ConversationReference.Channel"/>).
/// A send that fails throws; the desk retries and then shows the failure on the triage card.
/// </summary>
public interface ICustomerChannel
{
    string Name { get; }

    /// <param name="to">The customer's conversation as recorded when they escalated.</param>
    /// <param name="text">The message.</param>
    /// <param name="fromName">Who the message is from ("Bob (technician)"), or null for the assistant.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task SendAsync(ConversationReference to, string text, string? fromName, CancellationToken cancellationToken);
}
