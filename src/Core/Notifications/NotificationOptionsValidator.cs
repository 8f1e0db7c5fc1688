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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
