using MspSupport.Core.Cards;

namespace MspSupport.Core.Handoff;

/// <summary>
/// The technicians' side (Teams): a ticket's triage card starts a thread in the routed channel, the customer's
/// messages and the assistant's drafts are posted in that thread, and the card is updated in place after every action.
/// Failures throw.
/// </summary>
public interface ITriageChannel
{
    Task<TriageThread> StartThreadAsync(TriageTarget target, TriageCard card, CancellationToken cancellationToken);

    Task PostAsync(TriageThread thread, string text, CancellationToken cancellationToken);

    Task UpdateCardAsync(TriageThread thread, TriageCard card, CancellationToken cancellationToken);
}
