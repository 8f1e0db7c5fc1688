namespace MspSupport.Core.Tickets;

/// <summary>
/// Headers a <c>Service</c> key sends to name the caller it acts for. The ticket API reads them only from a request
/// authenticated with a Service key; from anyone else they are ignored.
/// </summary>
public static class OnBehalfOfHeaders
{
    public const string Channel = "X-On-Behalf-Of-Channel";
    public const string Tenant = "X-On-Behalf-Of-Tenant";
    public const string User = "X-On-Behalf-Of-User";
    public const string Role = "X-On-Behalf-Of-Role";
    public const string Customer = "X-On-Behalf-Of-Customer";

    /// <summary>Display name, URL-encoded (header values are ASCII).</summary>
    public const string Name = "X-On-Behalf-Of-Name";
}
