using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspSupport.Core.Knowledge;

namespace MspSupport.Eval;

/// <summary>
/// The same registration the bot uses (<see cref="KnowledgeServiceCollectionExtensions.AddKnowledge"/>), configured
/// from an optional <c>appsettings.json</c> in the working folder, environment variables
/// (<c>Knowledge__Embeddings__Provider=OpenAiCompatible</c>) and <c>--Knowledge:...=value</c> switches.
/// </summary>
public static class EvalServices
{
    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> overrides, string[] switches)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .AddCommandLine(switches)
            .Build();
        var services = new ServiceCollection();
        // Logs go to standard error, so standard output holds only the summary or the results table.
        services.AddLogging(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        services.AddKnowledge(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
