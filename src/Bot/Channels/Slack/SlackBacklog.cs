using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack wants an answer within three seconds; the work an event asks for (the agent, Web API calls) runs after the
/// acknowledgement, from this bounded queue. When it is full the event is refused and Slack retries it later.
/// </summary>
public sealed class SlackBacklog(IOptions<SlackOptions> options)
{
    private readonly Channel<Func<CancellationToken, Task>> _items = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity)) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });

    public bool TryEnqueue(Func<CancellationToken, Task> work) => _items.Writer.TryWrite(work);

    public ChannelReader<Func<CancellationToken, Task>> Reader => _items.Reader;
}
