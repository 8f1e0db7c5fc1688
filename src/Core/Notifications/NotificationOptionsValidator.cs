using Microsoft.Extensions.Options;

namespace MspSupport.Core.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/> at start-up, naming each bad setting and what it should be.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SentRecordTtlHours is < 1 or > NotificationOptions.MaxSentRecordTtlHours)
        {
            failures.Add($"Notifications:SentRecordTtlHours must be a whole number of hours from 1 to {NotificationOptions.MaxSentRecordTtlHours} (default 72); it is {options.SentRecordTtlHours}.");
        }

        if (options.SendLeaseSeconds is < 5 or > 3600)
        {
            failures.Add($"Notifications:SendLeaseSeconds must be from 5 to 3600 seconds (default 120); it is {options.SendLeaseSeconds}.");
        }

        if (options.RedeliveryIntervalSeconds is < 1 or > 3600)
        {
            failures.Add($"Notifications:RedeliveryIntervalSeconds must be from 1 to 3600 seconds (default 30); it is {options.RedeliveryIntervalSeconds}.");
        }

        if (options.FirstSendTimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"Notifications:FirstSendTimeoutSeconds must be from 1 to 300 seconds (default 5); it is {options.FirstSendTimeoutSeconds}.");
        }

        if (options.RedeliveryMaxIntervalSeconds < options.RedeliveryIntervalSeconds || options.RedeliveryMaxIntervalSeconds > 86400)
        {
            failures.Add($"Notifications:RedeliveryMaxIntervalSeconds must be from Notifications:RedeliveryIntervalSeconds ({options.RedeliveryIntervalSeconds}) to 86400 seconds (default 1800); it is {options.RedeliveryMaxIntervalSeconds}.");
        }

        // A retry after the sent record expired could send a notification a second time.
        if (options.RedeliveryMaxAgeHours < 1 || options.RedeliveryMaxAgeHours > options.SentRecordTtlHours)
        {
            failures.Add($"Notifications:RedeliveryMaxAgeHours must be from 1 to Notifications:SentRecordTtlHours ({options.SentRecordTtlHours}) hours (default 24); it is {options.RedeliveryMaxAgeHours}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
