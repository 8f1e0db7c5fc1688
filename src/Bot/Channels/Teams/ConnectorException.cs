namespace MspSupport.Bot.Channels.Teams;

/// <summary>A reply or notification could not be delivered through the Bot Connector.</summary>
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
}
