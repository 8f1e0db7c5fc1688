using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Memory;

public static class MemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation and memory stores chosen by <c>Storage:Provider</c> (the same choice and the same
    /// SQLite file or DynamoDB client as the tickets), <see cref="MemoryOptions"/> from <c>Memory</c> (validated at
    /// start-up), and a hosted service that prepares the stores. Calling it with or without <c>AddTickets</c>, before
    /// or after, registers the storage options once.
    /// </summary>
    public static IServiceCollection AddMemory(this IServiceCollection services, IConfiguration configuration)
    {
        StorageRegistration.AddStorageOptions(services, configuration, contentRoot: null);
        if (services.Any(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && d.ImplementationType == typeof(MemoryStoreInitializer)))
        {
            return services; // already added: a second Bind would only repeat the first
        }

        services.AddOptions<MemoryOptions>()
            .Bind(configuration.GetSection(MemoryOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryOptions>, MemoryOptionsValidator>());

        // Traced and counted like the ticket store (spans, store errors, store throttles).
        services.TryAddSingleton<IConversationStore>(sp => Provider(sp) switch
        {
            StorageProvider.DynamoDb => new InstrumentedConversationStore(ActivatorUtilities.CreateInstance<DynamoDbConversationStore>(sp), "aws.dynamodb"),
            _ => new InstrumentedConversationStore(ActivatorUtilities.CreateInstance<SqliteConversationStore>(sp), "sqlite"),
        });
        services.TryAddSingleton<IMemoryStore>(sp => Provider(sp) switch
        {
            StorageProvider.DynamoDb => new InstrumentedMemoryStore(ActivatorUtilities.CreateInstance<DynamoDbMemoryStore>(sp), "aws.dynamodb"),
            _ => new InstrumentedMemoryStore(ActivatorUtilities.CreateInstance<SqliteMemoryStore>(sp), "sqlite"),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MemoryStoreInitializer>());
        return services;
    }

    private static StorageProvider Provider(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;
}
