using System.Globalization;
using Microsoft.Extensions.Options;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Identity;

/// <summary>Refuses entries that could not work or would be ambiguous, naming the setting.</summary>
public sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    private static readonly string[] Channels = ["teams", "slack", "web"];

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.Users, "Identity:Users", requireUser: true, failures);
        Check(options.Tenants, "Identity:Tenants", requireUser: false, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<IdentityEntry> entries, string section, bool requireUser, List<string> failures)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{section}:{i}");
            if (!Channels.Contains(entry.Channel, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{at}:Channel must be teams, slack or web.");
            }

            if (requireUser && string.IsNullOrWhiteSpace(entry.UserId))
            {
                failures.Add($"{at}:UserId is required (Teams: the user's AAD object id; Slack: the user id, e.g. U012AB3CD).");
            }

            if (!requireUser && string.IsNullOrWhiteSpace(entry.TenantId))
            {
                failures.Add($"{at}:TenantId is required (Teams tenant id or Slack team id).");
            }

            if (!Enum.TryParse<CallerRole>(entry.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                failures.Add($"{at}:Role must be Customer, Technician or Admin.");
            }
            else if (role == CallerRole.Customer && !TicketRules.IsCustomerId(entry.CustomerId))
            {
                failures.Add($"{at}:CustomerId is required for the Customer role: {TicketRules.CustomerIdFormat}.");
            }

            if (!seen.Add($"{entry.Channel}|{entry.TenantId}|{entry.UserId}"))
            {
                failures.Add($"{at} maps the same {(requireUser ? "user" : "tenant")} as an earlier entry.");
            }
        }
    }
}
