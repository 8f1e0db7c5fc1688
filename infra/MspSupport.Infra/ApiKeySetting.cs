namespace MspSupport.Infra;

/// <summary>
/// One API key as the ticket API's <c>Auth:ApiKeys:N</c> setting wants it. Only the SHA-256 hash is deployed;
/// the key itself stays with whoever holds it.
/// </summary>
public sealed record ApiKeySetting(string Name, string Role, string? CustomerId, string Hash);
