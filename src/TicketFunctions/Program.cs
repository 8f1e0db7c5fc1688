using Microsoft.Extensions.Options;
using MspSupport.TicketFunctions;
using MspSupport.TicketFunctions.Auth;

if (args is ["hash-key", ..])
{
    // Prints what goes into Auth:ApiKeys:N:Hash. With no key given, makes a new one.
    var key = args.Length > 1 ? args[1] : ApiKeyHash.NewKey();
    Console.WriteLine($"key:  {key}");
    Console.WriteLine($"hash: {ApiKeyHash.HexOf(key)}");
    return 0;
}

var builder = WebApplication.CreateSlimBuilder(args);

// The host logs a failed start with a stack trace; configuration failures are reported below in plain words instead.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
builder.Services.AddTicketFunctions(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.UseTicketFunctions();
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
{
    // A configuration mistake is the operator's to fix: say which settings, without a stack trace.
    await Console.Error.WriteLineAsync("The ticket API cannot start. Fix these settings:");
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 2;
}

static List<string> ConfigurationFailures(Exception e) => e switch
{
    OptionsValidationException options => [.. options.Failures],
    AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) =>
        [.. all.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)],
    _ => [],
};
