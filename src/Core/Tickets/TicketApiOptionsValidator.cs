using Microsoft.Extensions.Options;

namespace MspSupport.Core.Tickets;

public sealed class TicketApiOptionsValidator : IValidateOptions<TicketApiOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add("Tickets:ApiBaseUrl must be an absolute http(s) URL of the ticket API.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Tickets:ApiKey is required when Tickets:ApiBaseUrl is set (an API key with the Service role).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
