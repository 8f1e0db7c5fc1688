using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Storage;

/// <summary>
/// The <c>Storage</c> options and the shared DynamoDB client, registered once however many features (tickets,
/// memory) ask for them and in whatever order.
/// </summary>
internal static class StorageRegistration
{
    /// <param name="contentRoot">
    /// Anchors a relative SQLite path. A root given by any caller wins over the host environment's content root,
    /// whichever feature registered first; without either, the current directory is used.
    /// </param>
    public static IServiceCollection AddStorageOptions(IServiceCollection services, IConfiguration configuration, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (contentRoot is not null)
        {
            services.TryAddSingleton(new StorageContentRoot(contentRoot));
        }

        // The validator doubles as the "already registered" mark: binding twice would be harmless today, but a
        // second PostConfigure or ValidateOnStart is the kind of duplicate that stops being harmless later.
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<StorageOptions>) && !d.IsKeyedService
            && d.ImplementationType == typeof(StorageOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure<IServiceProvider>((o, sp) => o.Sqlite.Path = string.IsNullOrWhiteSpace(o.Sqlite.Path) ? "" : Path.GetFullPath(o.Sqlite.Path, Root(sp)))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        // Only built when a DynamoDB store asks for it; hosts and tests may register their own first.
        services.TryAddSingleton<IAmazonDynamoDB>(sp => DynamoDbClients.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DynamoDb));
        return services;
    }

    internal static string Root(IServiceProvider services) =>
        services.GetService<StorageContentRoot>()?.Path
        ?? services.GetService<IHostEnvironment>()?.ContentRootPath
        ?? Directory.GetCurrentDirectory();
}
