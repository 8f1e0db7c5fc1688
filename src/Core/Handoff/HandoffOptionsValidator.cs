using Microsoft.Extensions.Options;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Handoff;

/// <summary>Checks the <c>Handoff</c> section at start-up; every message names the setting to fix.</summary>
public sealed class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.NotHelpfulLimit is < 1 or > 20)
        {
            errors.Add("Handoff:NotHelpfulLimit must be between 1 and 20.");
        }

        if (options.MinAnswerScore < 0 || double.IsNaN(options.MinAnswerScore))
        {
            errors.Add("Handoff:MinAnswerScore must be 0 or more.");
        }

        if (options.DeliveryAttempts is < 1 or > 10)
        {
            errors.Add("Handoff:DeliveryAttempts must be between 1 and 10.");
        }

        if (options.DeliveryRetryDelayMilliseconds is < 0 or > 60_000)
        {
            errors.Add("Handoff:DeliveryRetryDelayMilliseconds must be between 0 and 60000.");
        }

        if (options.Enabled)
        {
            CheckTarget("Handoff:Triage:Default", options.Triage.Default.ServiceUrl, options.Triage.Default.ConversationId, errors);
        }
        else if (options.Triage.Routes.Count > 0 || options.ReviewCustomers.Count > 0)
        {
            errors.Add("Handoff:Triage:Default:ConversationId is required when Handoff:Triage:Routes or Handoff:ReviewCustomers are set (the Teams channel id triage cards go to, like 19:...@thread.tacv2).");
        }

        for (var i = 0; i < options.Triage.Routes.Count; i++)
        {
            var route = options.Triage.Routes[i];
            var at = $"Handoff:Triage:Routes:{i}";
            CheckTarget(at, route.ServiceUrl, route.ConversationId, errors);
            if (route.CustomerId is null && route.Category is null)
            {
                errors.Add($"{at} needs a CustomerId or a Category to match.");
            }

            if (route.Category is not null && !TicketNames.TryParseCategory(route.Category, out _))
            {
                errors.Add($"{at}:Category must be one of {string.Join(", ", TicketNames.Categories)}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTarget(string at, string? serviceUrl, string? conversationId, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            errors.Add($"{at}:ConversationId is required (the Teams channel id, like 19:...@thread.tacv2).");
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{at}:ServiceUrl must be the Bot Connector service URL of the team (an absolute https URL, like https://smba.trafficmanager.net/emea/).");
        }
    }
}
