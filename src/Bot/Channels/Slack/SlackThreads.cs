using System.Collections.Concurrent;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The channel threads the bot takes part in: follow-ups there need no new mention. Kept in memory with a cap; after
/// a restart a thread is joined again by the next mention.
/// </summary>
public sealed class SlackThreads
{
    private const int Cap = 100_000;
    private readonly ConcurrentDictionary<string, byte> _threads = new(StringComparer.Ordinal);

    public void Join(string teamId, string channel, string threadTs)
    {
        if (_threads.Count >= Cap)
        {
            _threads.Clear();
        }

        _threads.TryAdd(Key(teamId, channel, threadTs), 0);
    }

    public bool IsPartOf(string? teamId, string? channel, string? threadTs) =>
        teamId is not null && channel is not null && threadTs is not null && _threads.ContainsKey(Key(teamId, channel, threadTs));

    private static string Key(string teamId, string channel, string threadTs) => $"{teamId}/{channel}/{threadTs}";
}
