using Microsoft.Extensions.Options;

namespace MspSupport.Core.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up, naming each bad setting and what it should be.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public const int MinRetries = 0;
    public const int MaxRetries = 10;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Storage:Provider must be Sqlite or DynamoDb.");
        }

        if (string.IsNullOrWhiteSpace(options.Sqlite.Path) || Directory.Exists(options.Sqlite.Path))
        {
            failures.Add("Storage:Sqlite:Path must name a database file, e.g. data/msp-support.db.");
        }

        var dynamo = options.DynamoDb;
        if (!string.IsNullOrEmpty(dynamo.ServiceUrl) &&
            !(Uri.TryCreate(dynamo.ServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            failures.Add("Storage:DynamoDb:ServiceUrl must be an absolute http(s) URL such as http://127.0.0.1:8000, or empty on AWS.");
        }

        if (string.IsNullOrWhiteSpace(dynamo.TicketsTable))
        {
            failures.Add("Storage:DynamoDb:TicketsTable must name the tickets table.");
        }

        if (string.IsNullOrWhiteSpace(dynamo.SessionsTable))
        {
            failures.Add("Storage:DynamoDb:SessionsTable must name the sessions table.");
        }

        if (dynamo.MaxErrorRetry is < MinRetries or > MaxRetries)
        {
            failures.Add($"Storage:DynamoDb:MaxErrorRetry must be between {MinRetries} and {MaxRetries} (or empty for the AWS SDK's default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
