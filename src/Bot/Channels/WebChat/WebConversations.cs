using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// The web chat conversations this process holds, in memory and bounded (<c>WebChat:MaxConversations</c>, least
/// recently active evicted first). A page reload finds its conversation here by id; a restart starts afresh, while
/// tickets and the agent's memory live on in their stores.
/// </summary>
public sealed class WebConversations(IOptions<WebChatOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WebConversation> _conversations = new(StringComparer.Ordinal);
    private readonly WebChatOptions _options = options.Value;

    public int Count => _conversations.Count;

    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public WebConversation? Find(string conversationId) => _conversations.GetValueOrDefault(conversationId);

    /// <summary>The conversation with this id, started for <paramref name="owner"/> when new.</summary>
    public (WebConversation Conversation, bool Created) GetOrStart(string conversationId, WebUser owner)
    {
        if (_conversations.TryGetValue(conversationId, out var existing))
        {
            return (existing, false);
        }

        var started = new WebConversation(conversationId, owner, _options.HistoryLimit, time);
        var stored = _conversations.GetOrAdd(conversationId, started);
        if (ReferenceEquals(stored, started))
        {
            EvictIfFull();
        }

        return (stored, ReferenceEquals(stored, started));
    }

    private void EvictIfFull()
    {
        while (_conversations.Count > _options.MaxConversations)
        {
            var oldest = _conversations.Values.MinBy(c => c.LastActive);
            if (oldest is null || !_conversations.TryRemove(oldest.Id, out _))
            {
                return;
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
