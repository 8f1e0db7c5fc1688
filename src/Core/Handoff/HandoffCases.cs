using MspSupport.Core.Memory;

namespace MspSupport.Core.Handoff;

/// <summary>
/// Read-modify-write of cases with the store's versions (a change that loses a race is re-applied on the fresh copy),
/// and appending what a technician said to the customer's conversation memory, so the assistant knows it later.
/// </summary>
public sealed class HandoffCases(IHandoffStore store, IConversationStore conversations, TimeProvider time)
{
    private const int MaxAttempts = 8;

    public IHandoffStore Store => store;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored case until the write wins. The change returns null to leave the
    /// case as it is (for example: the action was already applied). Returns the stored case and whether it changed.
    /// </summary>
    public async Task<(HandoffCase? Case, bool Changed)> UpdateAsync(string ticketId, Func<HandoffCase, HandoffCase?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetAsync(ticketId, cancellationToken);
            if (current is null)
            {
                return (null, false);
            }

            if (change(current) is not { } next)
            {
                return (current, false);
            }

            next = next with { UpdatedAt = time.GetUtcNow() };
            if (await store.SaveAsync(next, current.Version, cancellationToken))
            {
                return (next with { Version = current.Version + 1 }, true);
            }
        }

        throw new InvalidOperationException($"The handoff case of {ticketId} kept changing while it was being updated.");
    }

    /// <summary>Adds a message to the customer's conversation memory, keeping whatever else was said in between.</summary>
    public async Task RememberAsync(HandoffCase handoff, string role, string text, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var message = new ConversationMessage(role, text, time.GetUtcNow(), author);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await conversations.GetAsync(handoff.ConversationId, cancellationToken);
            if (current is not null && current.UserId != handoff.RequesterKey)
            {
                return; // not the requester's conversation (a shared thread): keep nothing there
            }

            var next = new Conversation
            {
                ConversationId = handoff.ConversationId,
                UserId = handoff.RequesterKey,
                Messages = [.. (current?.Messages ?? []).Append(message).TakeLast(Conversation.MaxMessages)],
                State = current?.State ?? new Dictionary<string, string>(),
                Version = current?.Version ?? 0,
                UpdatedAt = message.At,
            };
            if (await conversations.SaveAsync(next, current?.Version ?? 0, cancellationToken))
            {
                return;
            }
        }
    }
}
