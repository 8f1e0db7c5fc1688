using System.Text.Json;
using MspSupport.Testing.Fakes;

// Starts the Bot Connector stand-in (OpenID metadata and keys, token endpoint, conversations API) and writes what the
// bots under test need into the folder given: its certificate (PEM, for SSL_CERT_FILE / NODE_EXTRA_CA_CERTS), its
// URLs, and a channel token signed for the bench app id. Runs until stopped; GET /stand-in/accepted counts the
// activities the bots sent (the run script reads it around each load run).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MspSupport.Bench.TeamsConnector <output folder> <app id>");
    return 2;
}

var folder = Directory.CreateDirectory(args[0]).FullName;
var appId = args[1];
await using var connector = new BotConnectorStandIn { Record = false };

await File.WriteAllTextAsync(Path.Combine(folder, "connector.pem"), connector.Certificate.ExportCertificatePem());
var settings = new Dictionary<string, string>
{
    ["serviceUrl"] = connector.ServiceUrl,
    ["openIdMetadataUrl"] = connector.OpenIdMetadataUrl,
    ["tokenAuthority"] = connector.TokenAuthority,
    ["tokenEndpoint"] = $"{connector.TokenAuthority}/oauth2/v2.0/token",
    ["issuer"] = BotConnectorStandIn.Issuer,
    ["token"] = connector.CreateChannelToken(appId, connector.ServiceUrl, DateTime.UtcNow.AddHours(2)),
};
await File.WriteAllTextAsync(Path.Combine(folder, "connector.json"), JsonSerializer.Serialize(settings));
Console.WriteLine($"ready {connector.BaseUrl}");

var stop = new TaskCompletionSource();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.TrySetResult();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
Console.WriteLine($"accepted {connector.Accepted} token-requests {connector.TokenRequests}");
return 0;
