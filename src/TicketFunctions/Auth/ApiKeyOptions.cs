namespace MspSupport.TicketFunctions.Auth;

public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key (shown in logs and as the author of what it writes), e.g. "psa-sync" or "contoso-portal".</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the key, 64 hex characters. Make one with <c>dotnet run --project src/TicketFunctions -- hash-key</c>.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Customer, Technician or Admin.</summary>
    public string Role { get; set; } = "";

    /// <summary>Required for the Customer role: the only customer whose tickets this key reaches.</summary>
    public string? CustomerId { get; set; }
}
