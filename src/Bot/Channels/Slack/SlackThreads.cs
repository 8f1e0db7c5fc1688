using Microsoft.Extensions.Options;
using MspSupport.Core.Marks;
using MspSupport.Core.Memory;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The channel threads the bot takes part in: follow-ups there need no new mention. Kept in the shared mark store, so
/// every instance knows them and a restart forgets none; a thread is kept as long as its conversation
/// (<see cref="MemoryOptions.ConversationTtlDays"/> after the bot last answered there).
/// </summary>
public sealed class SlackThreads(IMarkStore marks, IOptions<MemoryOptions> memory)
{
    public Task JoinAsync(string teamId, string channel, string threadTs, CancellationToken cancellationToken) =>
        marks.SetAsync(Key(teamId, channel, threadTs), TimeSpan.FromDays(memory.Value.ConversationTtlDays), cancellationToken);

    public async Task<bool> IsPartOfAsync(string? teamId, string? channel, string? threadTs, CancellationToken cancellationToken) =>
        teamId is not null && channel is not null && threadTs is not null && await marks.ExistsAsync(Key(teamId, channel, threadTs), cancellationToken);

    private static string Key(string teamId, string channel, string threadTs) => $"slack/thread/{teamId}/{channel}/{threadTs}";
}
