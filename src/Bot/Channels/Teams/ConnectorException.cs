namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// A reply or notification could not be delivered through the Bot Connector. <see cref="StatusCode"/> and
/// <see cref="ErrorCode"/> carry the connector's answer when there was one, so callers can tell a refused stream
/// (403 <c>ContentStreamNotAllowed</c>) from an outage.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConnectorException(string message, int statusCode, string? errorCode)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status the connector answered with; null when no answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>error.code</c> of the connector's error body, e.g. <c>ContentStreamNotAllowed</c>.</summary>
    public string? ErrorCode { get; }
}
