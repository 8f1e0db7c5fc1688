using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>When the Slack channel is on, everything it needs must be there; each message names the setting.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!options.SocketMode && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            failures.Add("Slack:SigningSecret is required unless Slack:AppToken (Socket Mode) is set.");
        }

        if (string.IsNullOrWhiteSpace(options.BotToken) && !options.MultiWorkspace)
        {
            failures.Add("Slack:BotToken (single workspace) or Slack:ClientId with Slack:ClientSecret (OAuth install) is required.");
        }

        if (options.MultiWorkspace && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Slack:ClientSecret is required when Slack:ClientId is set.");
        }

        if (options.MultiWorkspace && !TeamsOptionsValidator.IsUrl(options.RedirectUrl))
        {
            failures.Add("Slack:RedirectUrl must be the https URL of /slack/oauth/callback when Slack:ClientId is set.");
        }

        if (!TeamsOptionsValidator.IsUrl(options.ApiBaseUrl) || !options.ApiBaseUrl.EndsWith('/'))
        {
            failures.Add("Slack:ApiBaseUrl must be an https URL ending in / (http only on loopback), e.g. https://slack.com/api/.");
        }

        if (!TeamsOptionsValidator.IsUrl(options.AuthorizeUrl))
        {
            failures.Add("Slack:AuthorizeUrl must be an https URL (http only on loopback).");
        }

        if (options.ReplayWindow <= TimeSpan.Zero)
        {
            failures.Add("Slack:ReplayWindow must be positive, e.g. 00:05:00.");
        }

        if (options.Workers is < 1 or > 256)
        {
            failures.Add("Slack:Workers must be between 1 and 256 (work items run at once, one per conversation lane).");
        }

        if (options.WorkerThreads is < 1 or > 256)
        {
            failures.Add("Slack:WorkerThreads must be between 1 and 256, or unset for one fewer than the cores (threads the background work may use at once).");
        }

        // The load benchmark runs with a million to match Bolt's unbounded listeners; more is a typo.
        if (options.QueueCapacity < Math.Max(1, options.Workers) || options.QueueCapacity > 1_000_000)
        {
            failures.Add("Slack:QueueCapacity must be at least Slack:Workers and at most 1000000.");
        }

        if (options.StreamUpdateInterval < TimeSpan.Zero)
        {
            failures.Add("Slack:StreamUpdateInterval must not be negative.");
        }

        if (options.EventDedupeWindow <= TimeSpan.Zero)
        {
            failures.Add("Slack:EventDedupeWindow must be positive, e.g. 01:00:00.");
        }

        foreach (var (method, pace) in options.Pacing)
        {
            if (pace is null || pace.PerMinute < 0 || pace.Burst < 1)
            {
                failures.Add($"Slack:Pacing:{method} needs PerMinute of 0 (unpaced) or more and Burst of at least 1.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
