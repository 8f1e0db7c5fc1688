using MspSupport.Bot;
using MspSupport.Bot.Channels.Teams;

if (args is ["teams-package", ..])
{
    // dotnet run --project src/Bot -- teams-package --app-id GUID --bot-id GUID --domain HOST --name NAME --website URL [--out PATH]
    var options = new ConfigurationBuilder().AddCommandLine(args[1..], new Dictionary<string, string>
    {
        ["--app-id"] = "TEAMS_APP_ID",
        ["--bot-id"] = "BOT_ID",
        ["--domain"] = "BOT_DOMAIN",
        ["--name"] = "MSP_NAME",
        ["--website"] = "MSP_WEBSITE",
        ["--out"] = "OUT",
        ["--template"] = "TEMPLATE",
    }).Build();
    var values = options.AsEnumerable().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);
    var output = Path.GetFullPath(values.GetValueOrDefault("OUT", "artifacts/teams/msp-support-teams.zip"));
    try
    {
        TeamsAppPackage.Build(values.GetValueOrDefault("TEMPLATE") ?? TeamsAppPackage.FindTemplate(Environment.CurrentDirectory), values, output);
        Console.WriteLine($"Teams app package written to {output}; upload it in Teams (Apps > Manage your apps > Upload an app).");
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or IOException)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 2;
    }
}

// The bot host: on embedded defaults it also serves the ticket API, so that one command runs the whole assistant.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAssistant(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.UseAssistant();
await app.RunAsync();
return 0;
