using System.Collections.Concurrent;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// The serviceUrls seen in authenticated inbound activities (or in conversation references stored from them).
/// The connector client sends a token only to these, so a forged serviceUrl can never collect the bot's token.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, bool> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _urls.TryAdd(Normalize(serviceUrl), true);

    public bool IsTrusted(string? serviceUrl) => serviceUrl is not null && _urls.ContainsKey(Normalize(serviceUrl));

    private static string Normalize(string serviceUrl) => serviceUrl.Trim().TrimEnd('/');
}
