using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;

namespace MspSupport.Core.Tests.Identity;

public sealed class IdentityDirectoryTests
{
    private static readonly IdentityOptions Options = new()
    {
        Users =
        [
            new IdentityEntry { Channel = "teams", TenantId = "msp-tenant", UserId = "aad-bob", Role = "Technician", DisplayName = "Bob (MSP)" },
            new IdentityEntry { Channel = "slack", TenantId = "T-CONTOSO", UserId = "U-CEO", Role = "Customer", CustomerId = "contoso-exec" },
        ],
        Tenants =
        [
            new IdentityEntry { Channel = "slack", TenantId = "T-CONTOSO", Role = "Customer", CustomerId = "contoso" },
            new IdentityEntry { Channel = "teams", TenantId = "fabrikam-tenant", Role = "Customer", CustomerId = "fabrikam" },
        ],
    };

    private readonly IdentityDirectory _directory = new(new StaticMonitor(Options));

    [Fact]
    public void A_listed_technician_gets_the_technician_role_and_no_customer()
    {
        var caller = _directory.Resolve("Teams", "msp-tenant", "aad-bob", "Bob");

        Assert.Equal(CallerRole.Technician, caller.Role);
        Assert.Null(caller.CustomerId);
        Assert.Equal("Bob (MSP)", caller.Name);
        Assert.Equal("teams", caller.Channel);
    }

    [Fact]
    public void Users_of_a_mapped_workspace_belong_to_its_customer_and_a_user_entry_wins()
    {
        Assert.Equal("contoso", _directory.Resolve("slack", "T-CONTOSO", "U-ANYONE", "Ann").CustomerId);
        Assert.Equal("contoso-exec", _directory.Resolve("slack", "T-CONTOSO", "U-CEO", "Cee").CustomerId);
    }

    [Theory]
    [InlineData("teams", "unknown-tenant", "aad-bob")]
    [InlineData("slack", "T-OTHER", "U-CEO")]
    [InlineData("web", null, "visitor")]
    public void Anyone_else_gets_the_least_privilege(string channel, string? tenant, string user)
    {
        var caller = _directory.Resolve(channel, tenant, user, "Someone");

        Assert.Equal(CallerRole.Customer, caller.Role);
        Assert.Null(caller.CustomerId);
    }

    [Fact]
    public void The_same_user_id_in_another_tenant_is_another_person()
    {
        var caller = _directory.Resolve("teams", "fabrikam-tenant", "aad-bob", "Bob?");

        Assert.Equal(CallerRole.Customer, caller.Role);
        Assert.Equal("fabrikam", caller.CustomerId);
    }

    [Fact]
    public void Bad_entries_are_refused_naming_the_setting()
    {
        var options = new IdentityOptions
        {
            Users = [new IdentityEntry { Channel = "irc", UserId = "", Role = "Boss" }],
            Tenants = [new IdentityEntry { Channel = "slack", TenantId = "T1", Role = "Customer" }],
        };

        var result = new IdentityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Identity:Users:0:Channel", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Identity:Users:0:UserId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Identity:Users:0:Role", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Identity:Tenants:0:CustomerId", StringComparison.Ordinal));
    }

    private sealed class StaticMonitor(IdentityOptions value) : IOptionsMonitor<IdentityOptions>
    {
        public IdentityOptions CurrentValue => value;

        public IdentityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IdentityOptions, string?> listener) => null;
    }
}
