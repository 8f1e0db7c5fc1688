using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Tickets;

public static class TicketServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ticket store chosen by <c>Storage:Provider</c> (validated at start-up), the ticket service and a
    /// hosted service that prepares the store. <paramref name="contentRoot"/> anchors a relative SQLite path.
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o => o.Sqlite.Path = string.IsNullOrWhiteSpace(o.Sqlite.Path) ? "" : Path.GetFullPath(o.Sqlite.Path, contentRoot))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        // Only built when a DynamoDB store asks for it; hosts and tests may register their own first.
        services.TryAddSingleton<IAmazonDynamoDB>(sp => DynamoDbClients.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DynamoDb));
        services.TryAddSingleton<ITicketStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.DynamoDb => ActivatorUtilities.CreateInstance<DynamoDbTicketStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteTicketStore>(sp),
        });
        services.TryAddSingleton<TicketService>();
        services.AddHostedService<TicketStoreInitializer>();
        services.AddHealthChecks().AddCheck<TicketStoreHealthCheck>("tickets-store", tags: ["ready"]);
        return services;
    }
}
