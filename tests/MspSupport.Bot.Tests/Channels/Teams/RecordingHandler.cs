using System.Collections.Concurrent;
using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>Records what reached the bot and answers each message with "echo: {text}".</summary>
internal sealed class RecordingHandler : ITeamsActivityHandler
{
    public ConcurrentQueue<Activity> Received { get; } = new();

    public async Task<InvokeResponse?> OnActivityAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        Received.Enqueue(turn.Activity);
        if (turn.Activity.Type == "message")
        {
            await turn.ReplyTextAsync($"echo: {turn.Activity.Text}", cancellationToken);
        }

        return null;
    }
}
