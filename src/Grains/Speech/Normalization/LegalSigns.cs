using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Copyright, registered and trademark signs. "©" and "(C)" before a year are read "copyright" (once, after the word
/// itself: "Copyright (C) 2007" is "Copyright 2007"); a "(c)" elsewhere is a list item and stays. "®", "™", "℠" and
/// "(R)", "(TM)" attached to a name, and a "TM" that lost its superscript ("JavaTM") are dropped, as people
/// reading aloud drop them; "ATM" keeps its letters.
/// </summary>
internal static partial class LegalSigns
{
    /// <param name="copyright">The language's word; null keeps the sign "©", which engines name in their own language.</param>
    public static string Apply(string text, string? copyright)
    {
        text = CopyrightWordAndSign().Replace(text, "${word}");
        text = CopyrightSign().Replace(text, copyright ?? "©");
        return TrademarkSign().Replace(text, "");
    }

    [GeneratedRegex(@"(?<word>\b(?:[Cc]opyright|COPYRIGHT))[ \t\u00A0]*(?:\([Cc]\)|©)")]
    private static partial Regex CopyrightWordAndSign();

    [GeneratedRegex(@"©|\([Cc]\)(?=[ \t\u00A0]*\d)")]
    private static partial Regex CopyrightSign();

    [GeneratedRegex(@"[ \u00A0]?[®™℠]|(?<=\S)\((?:R|TM|SM)\)|(?<=\p{Ll})TM(?![\p{L}\p{N}])")]
    private static partial Regex TrademarkSign();
}
