namespace MspSupport.Core.Tests.Knowledge;

/// <summary>Small articles written for the tests.</summary>
internal static class Articles
{
    public const string Vpn = """
        ---
        title: Reset a forgotten VPN password
        category: network
        tags: [vpn, passwords]
        ---
        # Reset a forgotten VPN password

        When the remote access client rejects your credentials, open the self-service portal and choose Reset password.

        ## Before you start

        Have your phone ready for the verification code.

        ## Steps

        1. Open the portal.
        2. Enter the code sent to your phone.
        3. Choose a new password of at least 14 characters.
        """;

    public const string Printer = """
        ---
        title: Printer shows offline
        category: hardware
        tags:
          - printers
          - windows
        ---
        A printer marked offline in Windows usually lost its network address. Restart the printer, then remove and add it again in Settings.
        """;

    public const string Mail = """
        ---
        title: Set up the mailbox on a phone
        category: email
        tags: [email, mobile]
        ---
        Install Outlook from the app store and sign in with your work account; the mailbox, calendar and contacts sync automatically.
        """;
}
