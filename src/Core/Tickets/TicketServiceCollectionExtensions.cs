using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets.Attachments;

namespace MspSupport.Core.Tickets;

public static class TicketServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ticket store chosen by <c>Storage:Provider</c> (validated at start-up), the ticket service and a
    /// hosted service that prepares the store. <paramref name="contentRoot"/> anchors a relative SQLite path.
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        StorageRegistration.AddStorageOptions(services, configuration, contentRoot);
        services.TryAddSingleton<ITicketStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.DynamoDb => new InstrumentedTicketStore(ActivatorUtilities.CreateInstance<DynamoDbTicketStore>(sp), "aws.dynamodb"),
            _ => new InstrumentedTicketStore(ActivatorUtilities.CreateInstance<SqliteTicketStore>(sp), "sqlite"),
        });
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketOptions>, TicketOptionsValidator>());
        services.TryAddSingleton<TicketService>();
        AddAttachments(services, configuration);

        // The agent's tools reach tickets in process, or through the ticket API when Tickets:ApiBaseUrl is set.
        services.AddOptions<TicketApiOptions>().Bind(configuration.GetSection(TicketApiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketApiOptions>, TicketApiOptionsValidator>());
        services.AddHttpClient<TicketApiClient>().AddStandardResilienceHandler();
        services.TryAddTransient<ITicketOperations>(sp => sp.GetRequiredService<IOptions<TicketApiOptions>>().Value.Enabled
            ? sp.GetRequiredService<TicketApiClient>()
            : sp.GetRequiredService<TicketService>());
        services.AddHostedService<TicketStoreInitializer>();
        services.AddHealthChecks().AddCheck<TicketStoreHealthCheck>("tickets-store", tags: ["ready"]);
        return services;
    }

    private static void AddAttachments(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AttachmentOptions>()
            .Bind(configuration.GetSection(AttachmentOptions.Section))
            .PostConfigure<IServiceProvider>((o, sp) => o.Path = string.IsNullOrWhiteSpace(o.Path) ? "" : Path.GetFullPath(o.Path, StorageRegistration.Root(sp)))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttachmentOptions>, AttachmentOptionsValidator>());
        services.TryAddSingleton<IAttachmentContentStore>(sp => sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.UsesS3
            ? new S3AttachmentContentStore(sp.GetService<IAmazonS3>() ?? new AmazonS3Client(), sp.GetRequiredService<IOptions<AttachmentOptions>>())
            : ActivatorUtilities.CreateInstance<LocalAttachmentContentStore>(sp));
        services.TryAddSingleton<TicketAttachmentService>();
    }
}
