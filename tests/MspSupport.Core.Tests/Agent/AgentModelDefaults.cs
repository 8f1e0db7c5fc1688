using MspSupport.Core.Agent.Models;

namespace MspSupport.Core.Tests.Agent;

internal static class AgentModelDefaults
{
    public const string CheapModel = AgentModelOptions.DefaultCheapBedrockModel;
}
