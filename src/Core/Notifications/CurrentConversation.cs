namespace MspSupport.Core.Notifications;

/// <summary>
/// The conversation the current turn came from, set by the channel adapter for the length of a turn. Code that runs
/// inside the turn (a ticket being created) can remember where to reach its requester without the core knowing
/// about channels.
/// </summary>
public static class CurrentConversation
{
    private static readonly AsyncLocal<ConversationReference?> Holder = new();

    public static ConversationReference? Value => Holder.Value;

    /// <summary>Sets the reference until the returned scope is disposed.</summary>
    public static IDisposable Enter(ConversationReference reference)
    {
        var previous = Holder.Value;
        Holder.Value = reference;
        return new Scope(previous);
    }

    private sealed class Scope(ConversationReference? previous) : IDisposable
    {
        public void Dispose() => Holder.Value = previous;
    }
}
