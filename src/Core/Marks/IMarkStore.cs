namespace MspSupport.Core.Marks;

/// <summary>
/// Short-lived marks shared by every instance of the host: "this event was taken", "the bot is in this thread". A
/// mark is a key with an expiry; an expired mark reads as absent and may be claimed again. Implementations: SQLite
/// (embedded, the tickets' file) and DynamoDB (the sessions table, items <c>MARK#{key}</c> expired by its TTL).
/// </summary>
public interface IMarkStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the mark for <paramref name="lifetime"/> unless a live one is there. True only for the one caller that set
    /// it, however many instances try at once.
    /// </summary>
    Task<bool> TryClaimAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Sets the mark, or moves a live mark's expiry to <paramref name="lifetime"/> from now.</summary>
    Task SetAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Whether a live (unexpired) mark is there.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);
}
