using Amazon.CDK;
using MspSupport.Infra;

var app = new App();
DeploymentSettings settings;
try
{
    settings = DeploymentSettings.FromContext(key => app.Node.TryGetContext(key)?.ToString()) with
    {
        // Like the CDK CLI: explicit context first, then the account and region of the current credentials.
        Account = app.Node.TryGetContext("account")?.ToString() ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        Region = app.Node.TryGetContext("region")?.ToString() ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

MspSupportStacks.Add(app, settings);
app.Synth();
return 0;
