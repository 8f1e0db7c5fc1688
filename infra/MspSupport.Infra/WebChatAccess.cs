namespace MspSupport.Infra;

/// <summary>
/// How the deployed web chat lets people in (<c>WebChat:Auth:Mode</c>). A public URL with <c>local</c> mode lets anyone
/// chat, so production accepts only <see cref="Portal"/> (signed mode) or <see cref="Off"/>.
/// </summary>
public enum WebChatAccess
{
    /// <summary>The MSP's portal signs its user in and passes an identity token signed with the shared identity secret.</summary>
    Portal,

    /// <summary>Every visitor is a browser-local user of one tenant: a demo without a portal.</summary>
    Local,

    /// <summary>No web chat endpoint or page (<c>WebChat:Enabled=false</c>).</summary>
    Off,
}
