namespace MspSupport.Infra;

/// <summary>The CPU the ticket function runs on; the zip must be published for the same one.</summary>
public enum FunctionArchitecture
{
    X64,
    Arm64,
}
