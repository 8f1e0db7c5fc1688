using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>Checks the web chat settings at start-up; each message names the setting and what it must be.</summary>
public sealed partial class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public const int MinSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var mode = options.Auth.Mode;
        if (!string.Equals(mode, WebChatAuthOptions.LocalMode, StringComparison.OrdinalIgnoreCase) && !options.IsSigned)
        {
            failures.Add("WebChat:Auth:Mode must be local or signed.");
        }

        if (options.IsSigned && (options.TokenSigningKey?.Length ?? 0) < MinSecretLength)
        {
            failures.Add($"WebChat:TokenSigningKey must be set to a secret of at least {MinSecretLength} characters when WebChat:Auth:Mode is signed.");
        }
        else if (options.TokenSigningKey is { Length: > 0 and < MinSecretLength })
        {
            failures.Add($"WebChat:TokenSigningKey must be at least {MinSecretLength} characters (or empty in local mode for a random key per process).");
        }

        if (options.IsSigned && (options.Auth.IdentitySecret?.Length ?? 0) < MinSecretLength)
        {
            failures.Add($"WebChat:Auth:IdentitySecret must be set to a secret of at least {MinSecretLength} characters when WebChat:Auth:Mode is signed.");
        }

        if (string.IsNullOrWhiteSpace(options.Auth.LocalTenantId))
        {
            failures.Add("WebChat:Auth:LocalTenantId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.MspName) || options.MspName.Length > 80)
        {
            failures.Add("WebChat:MspName must be 1 to 80 characters.");
        }

        if (!Colour().IsMatch(options.PrimaryColor ?? ""))
        {
            failures.Add("WebChat:PrimaryColor must be a colour like #0b5cad.");
        }

        if (!Colour().IsMatch(options.BackgroundColor ?? ""))
        {
            failures.Add("WebChat:BackgroundColor must be a colour like #f3f6fa.");
        }

        Range(failures, "WebChat:TokenLifetimeMinutes", options.TokenLifetimeMinutes, 1, 24 * 60);
        Range(failures, "WebChat:MaxActivityBytes", options.MaxActivityBytes, 1024, 1024 * 1024);
        Range(failures, "WebChat:MaxTextLength", options.MaxTextLength, 1, 100_000);
        Range(failures, "WebChat:HistoryLimit", options.HistoryLimit, 10, 100_000);
        Range(failures, "WebChat:MaxConversations", options.MaxConversations, 1, 10_000_000);
        Range(failures, "WebChat:KeepAliveSeconds", options.KeepAliveSeconds, 1, 600);

        if (options.PublicBaseUrl is { Length: > 0 } url &&
            !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add("WebChat:PublicBaseUrl must be an absolute http(s) URL, e.g. https://chat.example.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max}.");
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
