using MspSupport.TicketFunctions;
using MspSupport.TicketFunctions.Auth;

if (args is ["hash-key", ..])
{
    // Prints what goes into Auth:ApiKeys:N:Hash. With no key given, makes a new one.
    var key = args.Length > 1 ? args[1] : ApiKeyHash.NewKey();
    Console.WriteLine($"key:  {key}");
    Console.WriteLine($"hash: {ApiKeyHash.HexOf(key)}");
    return;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddTicketFunctions(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.UseTicketFunctions();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
