using System.Collections.Concurrent;
using MspSupport.Core.Identity;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Who a Slack user is to the core: the identity directory decides by channel <c>slack</c>, the team id as tenant and
/// the user id, exactly as Slack's signed request gave them; a workspace installed through OAuth for a customer maps
/// its unlisted users to that customer. The display name (from <c>users.info</c>, cached; skipped rather than waited for when the method's pace is spent)
/// only labels what they write.
/// </summary>
public sealed class SlackCallers(IdentityDirectory identities, SlackApiClient api, SlackInstallations installations)
{
    private const int CacheCap = 10_000;
    private readonly ConcurrentDictionary<string, string?> _names = new(StringComparer.Ordinal);

    public async Task<CallerIdentity> ResolveAsync(string teamId, string userId, string? token, CancellationToken cancellationToken)
    {
        var name = await NameAsync(teamId, userId, token, cancellationToken);
        var caller = identities.Resolve("slack", teamId, userId, name);
        if (caller is { Role: CallerRole.Customer, CustomerId: null } && await installations.GetAsync(teamId, cancellationToken) is { CustomerId: { Length: > 0 } customer })
        {
            caller = caller with { CustomerId = customer };
        }

        return caller;
    }

    private async Task<string?> NameAsync(string teamId, string userId, string? token, CancellationToken cancellationToken)
    {
        var key = teamId + "/" + userId;
        if (_names.TryGetValue(key, out var known) || token is null)
        {
            return known;
        }

        var (user, sent) = await api.UserInfoIfRoomAsync(token, userId, cancellationToken);
        if (!sent)
        {
            return null; // users.info's pace is spent for now: this turn goes unlabelled, a later one fetches the name
        }

        var name = new[] { (string?)user?["profile"]?["display_name"], (string?)user?["real_name"], (string?)user?["name"] }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        if (_names.Count >= CacheCap)
        {
            _names.Clear();
        }

        _names[key] = name;
        return name;
    }
}
