using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The workspaces the app is installed in. In single-workspace mode the bot token comes from configuration
/// (<c>Slack:BotToken</c>) for every team. Otherwise each OAuth install is kept as a file under
/// <see cref="SlackOptions.InstallationsPath"/>, the bot token encrypted with ASP.NET Core Data Protection so that a
/// copied file or backup does not leak it.
/// </summary>
public sealed class SlackInstallations(IOptions<SlackOptions> options, IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("MspSupport.Slack.BotToken.v1");
    private readonly ConcurrentDictionary<string, SlackInstallation> _cache = new(StringComparer.Ordinal);

    /// <summary>The bot token to answer <paramref name="teamId"/> with, or null when the app is not installed there.</summary>
    public async Task<string?> BotTokenAsync(string? teamId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            return options.Value.BotToken;
        }

        return teamId is null ? null : (await GetAsync(teamId, cancellationToken))?.BotToken;
    }

    public async Task<SlackInstallation?> GetAsync(string teamId, CancellationToken cancellationToken)
    {
        if (!IsTeamId(teamId))
        {
            return null;
        }

        if (_cache.TryGetValue(teamId, out var cached))
        {
            return cached;
        }

        var path = PathOf(teamId);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        var stored = await JsonSerializer.DeserializeAsync(file, SlackInstallationsJsonContext.Default.StoredInstallation, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var installation = new SlackInstallation
        {
            TeamId = stored.TeamId,
            TeamName = stored.TeamName,
            BotToken = _protector.Unprotect(stored.ProtectedBotToken),
            BotUserId = stored.BotUserId,
            CustomerId = stored.CustomerId,
            InstalledAt = stored.InstalledAt,
        };
        _cache[teamId] = installation;
        return installation;
    }

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        if (!IsTeamId(installation.TeamId))
        {
            throw new ArgumentException("A Slack team id is letters and digits only.", nameof(installation));
        }

        var stored = new StoredInstallation(installation.TeamId, installation.TeamName, _protector.Protect(installation.BotToken), installation.BotUserId,
            installation.CustomerId, installation.InstalledAt == default ? time.GetUtcNow() : installation.InstalledAt);
        Directory.CreateDirectory(options.Value.InstallationsPath);
        var path = PathOf(installation.TeamId);
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, stored, SlackInstallationsJsonContext.Default.StoredInstallation, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        _cache[installation.TeamId] = installation with { InstalledAt = stored.InstalledAt };
    }

    private string PathOf(string teamId) => Path.Combine(options.Value.InstallationsPath, teamId + ".json");

    private static bool IsTeamId(string? teamId) => teamId is { Length: > 0 and <= 32 } && teamId.All(char.IsAsciiLetterOrDigit);
}
