using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Channels.WebChat;

/// <summary>
/// The real bot host with the web chat on, local mode for customer <c>contoso</c>, or signed mode when
/// <paramref name="identitySecret"/> is given. Direct Line tokens run on <see cref="Clock"/> so that tests can expire
/// them without waiting.
/// </summary>
internal sealed class WebChatHostFactory(string? identitySecret = null, long? maxAttachmentBytes = null) : AssistantHostFactory("webchat", TechKey)
{
    public const string TechKey = "webchat-test-tech-key";
    public const string SigningKey = "web-chat-test-signing-key-0123456789abcdef";

    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["WebChat:TokenSigningKey"] = SigningKey;
        settings["WebChat:MaxActivityBytes"] = "4096";
        settings["WebChat:Auth:LocalCustomerId"] = "contoso";
        settings["WebChat:MspName"] = "Contoso IT";
        if (maxAttachmentBytes is { } max)
        {
            settings["Tickets:Attachments:MaxBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (identitySecret is not null)
        {
            settings["WebChat:Auth:Mode"] = "signed";
            settings["WebChat:Auth:IdentitySecret"] = identitySecret;
            settings["Identity:Tenants:0:Channel"] = "web";
            settings["Identity:Tenants:0:TenantId"] = "fabrikam-portal";
            settings["Identity:Tenants:0:CustomerId"] = "fabrikam";
        }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<DirectLineTokens>();
        services.AddSingleton(sp => new DirectLineTokens(sp.GetRequiredService<IOptions<WebChatOptions>>(), Clock));
    }
}
