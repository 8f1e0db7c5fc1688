using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MspSupport.Testing.Fakes;

/// <summary>A model that thinks for <paramref name="thinkingTime"/> before each answer: turns long enough to overlap others, see typing, or be cut by a shutdown.</summary>
public sealed class SlowChatClient(IChatClient inner, TimeSpan thinkingTime) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Delay(thinkingTime, cancellationToken);
        return await base.GetResponseAsync(messages, options, cancellationToken);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(thinkingTime, cancellationToken);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }
    }
}
