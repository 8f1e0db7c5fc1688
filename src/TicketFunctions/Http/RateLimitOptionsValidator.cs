using Microsoft.Extensions.Options;

namespace MspSupport.TicketFunctions.Http;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Burst is < 1 or > 1_000_000)
        {
            failures.Add("RateLimiting:Burst must be between 1 and 1,000,000 requests.");
        }

        if (options.PerSecond is < 1 or > 1_000_000)
        {
            failures.Add("RateLimiting:PerSecond must be between 1 and 1,000,000 requests per second.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
