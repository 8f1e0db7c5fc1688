namespace MspSupport.Bot.Rendering.BlockKit;

/// <summary>Block Kit's documented limits; text past a limit is cut with a "more" link instead of failing the call.</summary>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int ActionsElements = 25;
    public const int ContextElements = 10;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int SelectOptions = 100;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int InputMaxLength = 3000;
    public const int PrivateMetadata = 3000;
    public const int MessageText = 4000;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, ending in "… more" (a link when there is one).</summary>
    public static string Truncate(string text, int max, string? moreUrl = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var more = moreUrl is null ? "… (more)" : $"… <{moreUrl}|more>";
        if (more.Length >= max)
        {
            more = "…";
        }

        var cut = max - more.Length;
        // Do not leave half of a surrogate pair or of an escape sequence like &amp; at the cut.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var amp = text.LastIndexOf('&', Math.Max(0, cut - 1), Math.Min(cut, 6));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        return string.Concat(text.AsSpan(0, cut), more);
    }

    /// <summary>Plain text (buttons, options, titles): no link possible, so an ellipsis.</summary>
    public static string Plain(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}
