using System.Globalization;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

namespace MspSupport.TicketFunctions.Auth;

/// <summary>Refuses to start with an API that nobody could call, or keys that would not work, naming the setting.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ApiKeys.Count == 0 && !options.Jwt.Enabled)
        {
            failures.Add("Auth: configure at least one key under Auth:ApiKeys or a token issuer in Auth:Jwt:Authority; otherwise nobody can call the API.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Auth:ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{at}:Name is required (who holds the key).");
            }
            else if (!names.Add(key.Name))
            {
                failures.Add($"{at}:Name '{key.Name}' is used by another key; names must be unique.");
            }

            if (!ApiKeyHash.IsValid(key.Hash))
            {
                failures.Add($"{at}:Hash must be the SHA-256 of the key as 64 hex characters (run: dotnet run --project src/TicketFunctions -- hash-key).");
            }

            if (CallerClaims.IsServiceRole(key.Role))
            {
                continue; // a trusted host (the bot) acting for the callers it names; no customer of its own
            }

            if (!Enum.TryParse<CallerRole>(key.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                failures.Add($"{at}:Role must be Customer, Technician, Admin or Service.");
            }
            else if (role == CallerRole.Customer && !TicketRules.IsCustomerId(key.CustomerId))
            {
                failures.Add($"{at}:CustomerId is required for a Customer key: {TicketRules.CustomerIdFormat}.");
            }
        }

        if (options.Jwt.Enabled)
        {
            if (!Uri.TryCreate(options.Jwt.Authority, UriKind.Absolute, out _))
            {
                failures.Add("Auth:Jwt:Authority must be an absolute URL (the token issuer).");
            }

            if (string.IsNullOrWhiteSpace(options.Jwt.Audience))
            {
                failures.Add("Auth:Jwt:Audience is required when Auth:Jwt:Authority is set (e.g. the Cognito app client id).");
            }

            if (options.Jwt.MetadataAddress is { Length: > 0 } metadata && !Uri.TryCreate(metadata, UriKind.Absolute, out _))
            {
                failures.Add("Auth:Jwt:MetadataAddress must be an absolute URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
