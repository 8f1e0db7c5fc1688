using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>When the Teams channel is on, everything it needs must be there; each message names the setting.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add("Teams:AppPassword is required when Teams:AppId is set (the client secret of the Azure Bot registration).");
        }

        if (options.AppType is not ("MultiTenant" or "SingleTenant"))
        {
            failures.Add("Teams:AppType must be MultiTenant or SingleTenant.");
        }

        if (options.IsSingleTenant && string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("Teams:TenantId is required when Teams:AppType is SingleTenant.");
        }

        if (!IsUrl(options.OpenIdMetadataUrl))
        {
            failures.Add("Teams:OpenIdMetadataUrl must be an https URL (http only on loopback).");
        }

        if (options.TokenAuthority is { Length: > 0 } authority && !IsUrl(authority))
        {
            failures.Add("Teams:TokenAuthority must be an https URL (http only on loopback).");
        }

        if (options.ValidIssuers.Count == 0)
        {
            failures.Add("Teams:ValidIssuers must name at least one issuer, e.g. https://api.botframework.com.");
        }

        if (options.StreamingUpdateInterval < TimeSpan.Zero || options.StreamingUpdateInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Teams:StreamingUpdateInterval must be between 00:00:00 and 00:01:00 (Teams throttles faster than about one update a second).");
        }

        if (string.IsNullOrWhiteSpace(options.StreamingInformativeText) || options.StreamingInformativeText.Length > 1000)
        {
            failures.Add("Teams:StreamingInformativeText must be 1 to 1000 characters (the limit of a Teams informative update).");
        }

        if (options.TypingDelay < TimeSpan.Zero || options.TypingDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add("Teams:TypingDelay must be between 00:00:00 and 00:01:00 (how long a turn may take before a typing indicator is shown).");
        }

        if (options.TypingInterval < TimeSpan.FromSeconds(1) || options.TypingInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Teams:TypingInterval must be between 00:00:01 and 00:01:00 (Teams throttles bots that send faster).");
        }

        if (options.Workers is < 1 or > 256)
        {
            failures.Add("Teams:Workers must be between 1 and 256 (lanes handling acknowledged activities).");
        }

        if (options.QueueCapacity < Math.Max(1, options.Workers) || options.QueueCapacity > 100_000)
        {
            failures.Add("Teams:QueueCapacity must be at least Teams:Workers and at most 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>https anywhere; plain http only for a local stand-in.</summary>
    public static bool IsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) &&
        (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
