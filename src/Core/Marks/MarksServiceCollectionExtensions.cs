using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Marks;

public static class MarksServiceCollectionExtensions
{
    /// <summary>
    /// Registers the mark store chosen by <c>Storage:Provider</c> (the same SQLite file or DynamoDB sessions table as
    /// memory) and a hosted service that prepares it. Safe to call more than once, before or after the other stores.
    /// </summary>
    public static IServiceCollection AddMarks(this IServiceCollection services, IConfiguration configuration)
    {
        StorageRegistration.AddStorageOptions(services, configuration, contentRoot: null);
        services.TryAddSingleton<IMarkStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.DynamoDb => ActivatorUtilities.CreateInstance<DynamoDbMarkStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteMarkStore>(sp),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MarkStoreInitializer>());
        return services;
    }
}
