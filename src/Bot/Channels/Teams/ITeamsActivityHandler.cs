namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// What the bot does with an authenticated activity (the adapter handles the protocol; this decides the behaviour).
/// Returns the invoke response for <c>invoke</c> activities, null for everything else.
/// </summary>
public interface ITeamsActivityHandler
{
    Task<InvokeResponse?> OnActivityAsync(TeamsTurn turn, CancellationToken cancellationToken);
}
