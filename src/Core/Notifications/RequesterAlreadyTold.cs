namespace MspSupport.Core.Notifications;

/// <summary>
/// Marks ticket changes made while the requester is told about them directly in their conversation (a technician's
/// reply delivered in the customer's thread, a close announced there), so that the channel notifiers do not send
/// the same news again as an "update" card. Scoped to the async flow, like <see cref="CurrentConversation"/>.
/// </summary>
public static class RequesterAlreadyTold
{
    private static readonly AsyncLocal<bool> Holder = new();

    public static bool IsActive => Holder.Value;

    public static IDisposable Enter()
    {
        var previous = Holder.Value;
        Holder.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => Holder.Value = previous;
    }
}
