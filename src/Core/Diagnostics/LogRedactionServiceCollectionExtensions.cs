using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Diagnostics;

public static class LogRedactionServiceCollectionExtensions
{
    /// <summary>
    /// Puts <see cref="RedactingLoggerFactory"/> in front of the logger factory, so that no log line from this host
    /// carries an e-mail address, a phone number, a token or a key (see <see cref="LogRedactor"/>). Call after the
    /// host added logging (WebApplication builders already have).
    /// </summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }
}
