using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;
using MspSupport.TicketFunctions.Auth;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The OAuth v2 install flow for customers' workspaces. An MSP admin makes an install link for a customer
/// (<c>POST /slack/install-links</c>, admin key); the link (<c>/slack/install?invite=…</c>, valid 7 days) sends the
/// customer's Slack admin to Slack with a state bound to their browser by a cookie; <c>/slack/oauth/callback</c>
/// checks that state, exchanges the code with <c>oauth.v2.access</c> and keeps the bot token (encrypted) mapped to
/// that customer. Without an invite a workspace installs unmapped: its users see nothing until the MSP maps the team.
/// </summary>
public static partial class SlackOAuthEndpoints
{
    public const string StateCookie = "slack_oauth_state";
    private static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public static async Task<IResult> CreateLinkAsync(HttpContext http, IOptions<SlackOptions> options, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        if (CallerClaims.CallerOf(http) is not { Role: CallerRole.Admin })
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only MSP administrators make Slack install links.");
        }

        var body = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        using var document = body.Document!;
        var customer = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("customerId", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString() : null;
        if (customer is null || !TicketRules.IsCustomerId(customer))
        {
            return Problems.Invalid("customerId", "Give the customer id the workspace belongs to, e.g. {\"customerId\": \"contoso\"}.");
        }

        var invite = Invites(protection).Protect(customer, InviteLifetime);
        var origin = new Uri(options.Value.RedirectUrl ?? $"{http.Request.Scheme}://{http.Request.Host}/").GetLeftPart(UriPartial.Authority);
        return TypedResults.Json(new JsonObject { ["customerId"] = customer, ["url"] = $"{origin}{SlackEndpoints.Install}?invite={Uri.EscapeDataString(invite)}", ["expiresInDays"] = InviteLifetime.TotalDays }, SlackJsonContext.Default.JsonObject);
    }

    public static IResult Install(HttpContext http, IOptions<SlackOptions> options, IDataProtectionProvider protection, string? invite)
    {
        var slack = options.Value;
        if (!slack.MultiWorkspace)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not installable", "This assistant runs in single-workspace mode; there is nothing to install.");
        }

        var customer = "";
        if (!string.IsNullOrEmpty(invite))
        {
            try
            {
                customer = Invites(protection).Unprotect(invite);
            }
            catch (CryptographicException)
            {
                return Problems.Invalid("invite", "This install link is not valid or has expired; ask your MSP for a new one.");
            }
        }

        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var state = States(protection).Protect($"{nonce}|{customer}", StateLifetime);
        http.Response.Cookies.Append(StateCookie, nonce, new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = StateLifetime, Path = SlackEndpoints.OAuthCallback });
        var query = $"client_id={Uri.EscapeDataString(slack.ClientId!)}&scope={Uri.EscapeDataString(string.Join(',', SlackScopes.Bot))}&redirect_uri={Uri.EscapeDataString(slack.RedirectUrl!)}&state={Uri.EscapeDataString(state)}";
        return TypedResults.Redirect($"{slack.AuthorizeUrl}?{query}");
    }

    public static async Task<IResult> CallbackAsync(
        HttpContext http, IOptions<SlackOptions> options, IDataProtectionProvider protection, SlackApiClient api, SlackInstallations installations,
        ILoggerFactory loggers, string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        var slack = options.Value;
        if (!slack.MultiWorkspace)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not installable", "This assistant runs in single-workspace mode.");
        }

        if (!string.IsNullOrEmpty(error))
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Install cancelled", "Slack reported that the install was cancelled or refused; nothing was installed.");
        }

        string nonceAndCustomer;
        try
        {
            nonceAndCustomer = string.IsNullOrEmpty(state) ? throw new CryptographicException() : States(protection).Unprotect(state);
        }
        catch (CryptographicException)
        {
            return Problems.Invalid("state", "The install could not be checked (missing, altered or expired state); start again from the install link.");
        }

        var parts = nonceAndCustomer.Split('|', 2);
        var cookie = http.Request.Cookies[StateCookie];
        if (cookie is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(cookie), System.Text.Encoding.ASCII.GetBytes(parts[0])))
        {
            return Problems.Invalid("state", "The install was started in another browser or has expired; start again from the install link.");
        }

        if (string.IsNullOrEmpty(code) || code.Length > 512)
        {
            return Problems.Invalid("code", "Slack sent no authorization code.");
        }

        var answer = await api.OAuthAccessAsync(slack.ClientId!, slack.ClientSecret!, code, slack.RedirectUrl, cancellationToken);
        var token = (string?)answer?["access_token"];
        var team = (string?)answer?["team"]?["id"];
        if (token is null || team is null)
        {
            return Problems.Status(StatusCodes.Status502BadGateway, "Slack refused the install", "Slack did not accept the authorization code; start again from the install link.");
        }

        var customer = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        await installations.SaveAsync(new SlackInstallation { TeamId = team, TeamName = (string?)answer?["team"]?["name"], BotToken = token, BotUserId = (string?)answer?["bot_user_id"], CustomerId = customer }, cancellationToken);
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = SlackEndpoints.OAuthCallback });
        LogInstalled(loggers.CreateLogger(typeof(SlackOAuthEndpoints)), team, customer ?? "(none)");
        return TypedResults.Content($"<!doctype html><title>Installed</title><p>The support assistant is installed in {System.Net.WebUtility.HtmlEncode((string?)answer?["team"]?["name"] ?? team)}. Mention it in a channel or send it a message.</p>", "text/html");
    }

    private static ITimeLimitedDataProtector Invites(IDataProtectionProvider protection) => protection.CreateProtector("MspSupport.Slack.Invite.v1").ToTimeLimitedDataProtector();

    private static ITimeLimitedDataProtector States(IDataProtectionProvider protection) => protection.CreateProtector("MspSupport.Slack.OAuthState.v1").ToTimeLimitedDataProtector();

    [LoggerMessage(1, LogLevel.Information, "Slack app installed in team {TeamId} for customer {CustomerId}")]
    private static partial void LogInstalled(ILogger logger, string teamId, string customerId);
}
