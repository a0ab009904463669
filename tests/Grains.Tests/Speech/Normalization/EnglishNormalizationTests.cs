using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

/// <summary>Each rule with real-world English: GNU and .NET manuals, news copy, legal notices, Wikipedia.</summary>
public sealed class EnglishNormalizationTests
{
    private static readonly SpeechNormalizer Normalizer = new();

    private static string Normalize(string text, string language = "en") => Normalizer.Normalize(text, language);

    [Theory]
    [InlineData("(C) 2001-2022 Free Software Foundation, Inc.", "copyright 2001 to 2022 Free Software Foundation, Incorporated.")]
    [InlineData("Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>", "Copyright 2007 Free Software Foundation, Incorporated fsf dot org")]
    [InlineData("Copyright © 1988-2024 Free Software Foundation, Inc.", "Copyright 1988 to 2024 Free Software Foundation, Incorporated.")]
    [InlineData("© 2024 The New York Times Company", "copyright 2024 The New York Times Company")]
    [InlineData("Intel(R) Core(TM) processors", "Intel Core processors")]
    [InlineData("Java™ and MySQL® are registered trademarks of Oracle", "Java and MySQL are registered trademarks of Oracle")]
    [InlineData("the JavaTM platform at an ATM", "the Java platform at an ATM")]
    [InlineData("the options are (a) leave, (b) stay or (c) wait", "the options are (a) leave, (b) stay or (c) wait")]
    public void Copyright_and_trademark_signs(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("If not, see <https://www.gnu.org/licenses/>.", "If not, see www dot gnu dot org slash licenses.")]
    [InlineData("Read https://learn.microsoft.com/en-us/dotnet/api/system.text.json for details.", "Read learn dot microsoft dot com slash en dash us slash dotnet slash api slash system dot text dot json for details.")]
    [InlineData("See example.com/docs.", "See example dot com slash docs.")]
    [InlineData("Go to http://localhost:8080/api/documents?page=2#top now", "Go to localhost colon 8080 slash api slash documents now")]
    [InlineData("Mail bug-gnu-emacs@gnu.org or info@fsf.org.", "Mail bug dash gnu dash emacs at gnu dot org or info at fsf dot org.")]
    [InlineData("Contact <mailto:jane.doe+news@example.co.uk>", "Contact jane dot doe plus news at example dot co dot uk")]
    [InlineData("(see https://en.wikipedia.org/wiki/Speech_synthesis)", "(see en dot wikipedia dot org slash wiki slash Speech underscore synthesis)")]
    [InlineData("Edit /etc/passwd or ~/.bashrc, then run it.", "Edit slash etc slash passwd or tilde slash dot bashrc, then run it.")]
    [InlineData("The GNU project (gnu.org) hosts it.", "The GNU project (gnu dot org) hosts it.")]
    public void Web_and_email_addresses_and_paths(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Dr. Smith met Mr. and Mrs. Jones on St. Patrick's Day.", "Doctor Smith met Mister and Missus Jones on Saint Patrick's Day.")]
    [InlineData("She lives at 221 Baker St. in London.", "She lives at 221 Baker Street in London.")]
    [InlineData("Drive down Mulholland Dr.", "Drive down Mulholland Drive.")]
    [InlineData("Ms. Chen and Prof. Ito", "Miz Chen and Professor Ito")]
    [InlineData("Use a text editor, e.g. Emacs, i.e. the best one.", "Use a text editor, for example Emacs, that is the best one.")]
    [InlineData("Fruit (apples, pears, etc.) is cheap.", "Fruit (apples, pears, et cetera) is cheap.")]
    [InlineData("We sell apples, pears, etc. Prices vary.", "We sell apples, pears, et cetera. Prices vary.")]
    [InlineData("Acme Corp. and Widgets Ltd. merged.", "Acme Corporation and Widgets Limited merged.")]
    [InlineData("See Fig. 3 and No. 12 on p. 45.", "See Figure 3 and number 12 on page 45.")]
    [InlineData("Covered in pp. 10–12 of Vol. 2, Ch. 4.", "Covered in pages 10 to 12 of Volume 2, Chapter 4.")]
    [InlineData("Lakers vs. Celtics, approx. 20,000 fans", "Lakers versus Celtics, approximately 20000 fans")]
    [InlineData("No. I said no.", "No. I said no.")]
    [InlineData("The U.S. economy grew; the firm is in the U.S.", "The US economy grew; the firm is in the US.")]
    [InlineData("Smith et al. found", "Smith et al found")]
    public void Abbreviations(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("It has 2,102,650 residents.", "It has 2102650 residents.")]
    [InlineData("Pi is about 3.14159.", "Pi is about three point one four one five nine.")]
    [InlineData("It weighs 1,234.5 tonnes.", "It weighs one thousand two hundred thirty-four point five tonnes.")]
    [InlineData("Released in 2024 with 500 fixes", "Released in 2024 with 500 fixes")]
    [InlineData("Upgrade to version 10.0.401 now.", "Upgrade to version 10 point 0 point 401 now.")]
    [InlineData("The Python 3.12 release, version 2.10 and Table 4.2", "The Python 3 point 12 release, version 2 point 10 and Table 4 point 2")]
    [InlineData("It runs 1.5x faster. 3.25 is the rate.", "It runs one point five x faster. three point two five is the rate.")]
    [InlineData("The server at 192.168.1.1 answered.", "The server at 192 point 168 point 1 point 1 answered.")]
    [InlineData("It fell to -5 overnight.", "It fell to minus 5 overnight.")]
    [InlineData("Call 555-1234 today.", "Call 555-1234 today.")]
    [InlineData("ISBN 978-3-16-148410-0", "ISBN 978-3-16-148410-0")]
    public void Numbers(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("the 1st, 2nd, 3rd and 4th places", "the first, second, third and fourth places")]
    [InlineData("the 21st century and the 100th anniversary", "the twenty-first century and the one hundredth anniversary")]
    [InlineData("his 12th and 112th tries", "his twelfth and one hundred twelfth tries")]
    public void Ordinals(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("during 1990-1995", "during 1990 to 1995")]
    [InlineData("in 1939–45", "in 1939 to 45")]
    [InlineData("between 1990-1995", "between 1990 and 1995")]
    [InlineData("pages 10–12", "pages 10 to 12")]
    [InlineData("priced $10–$20", "priced 10 dollars to 20 dollars")]
    [InlineData("a score of 3-2", "a score of 3-2")]
    [InlineData("1.5–2.5 kg", "one point five to two point five kilograms")]
    public void Ranges(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Revenue rose 12% to $1.5 billion.", "Revenue rose 12 percent to one point five billion dollars.")]
    [InlineData("a 2.5% rise", "a two point five percent rise")]
    [InlineData("It costs $5.", "It costs 5 dollars.")]
    [InlineData("It costs $1.", "It costs 1 dollar.")]
    [InlineData("Tickets are €3.50 or £12.99.", "Tickets are 3 euros and 50 cents or 12 pounds and 99 pence.")]
    [InlineData("A $0.99 app", "A 99 cents app")]
    [InlineData("a $5bn deal and a $300k loan", "a 5 billion dollars deal and a 300 thousand dollars loan")]
    [InlineData("Pay 20 EUR or USD 25", "Pay 20 euros or 25 dollars")]
    [InlineData("¥500 only", "500 yen only")]
    public void Percentages_and_money(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("a 5 km run", "a 5 kilometers run")]
    [InlineData("1 km away", "1 kilometer away")]
    [InlineData("It weighs 70kg and is 1.8 m tall.", "It weighs 70 kilograms and is one point eight meters tall.")]
    [InlineData("8 GB of RAM, a 512 MB cache, 3.2 GHz", "8 gigabytes of RAM, a 512 megabytes cache, three point two gigahertz")]
    [InlineData("a latency of 20 ms and 5 s timeouts", "a latency of 20 milliseconds and 5 seconds timeouts")]
    [InlineData("It was −5 °C, then 20°C.", "It was minus 5 degrees Celsius, then 20 degrees Celsius.")]
    [InlineData("an angle of 45°", "an angle of 45 degrees")]
    [InlineData("100 km/h, 60 mph", "100 kilometers per hour, 60 miles per hour")]
    [InlineData("an area of 120 m²", "an area of 120 square meters")]
    [InlineData("music from the 1990s", "music from the 1990s")]
    public void Units(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Released on 2024-03-05.", "Released on March fifth, 2024.")]
    [InlineData("Logged at 2024-03-05T14:30:00Z", "Logged at March fifth, 2024, fourteen thirty and zero seconds")]
    [InlineData("Due 5/3/2024", "Due May third, 2024")]
    [InlineData("Due 25/12/2024", "Due December twenty-fifth, 2024")]
    [InlineData("On March 5, 2024, and Dec. 1st", "On March fifth, 2024, and December first")]
    [InlineData("Not a date: 2024-02-30", "Not a date: 2024-02-30")]
    [InlineData("the WIPO copyright treaty adopted on 20 December 1996", "the WIPO copyright treaty adopted on the twentieth of December 1996")]
    public void Dates_month_first_in_american_english(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Due 5/3/2024", "Due the fifth of March 2024")]
    [InlineData("Published 5 March 2024", "Published the fifth of March 2024")]
    [InlineData("Released on 2024-03-05.", "Released on the fifth of March 2024.")]
    public void Dates_day_first_in_british_english(string text, string expected) => Assert.Equal(expected, Normalize(text, "en-GB"));

    [Theory]
    [InlineData("The meeting is at 10:30.", "The meeting is at ten thirty.")]
    [InlineData("Opens at 9:05 a.m. and closes at 5:00 PM.", "Opens at nine oh five a.m. and closes at five p.m.")]
    [InlineData("Lunch at 12:00", "Lunch at twelve o'clock")]
    [InlineData("Open 9:00–17:30", "Open nine o'clock to seventeen thirty")]
    [InlineData("a 16:9 screen", "a 16:9 screen")]
    public void Times(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Set max_buffer_size and call __init__.", "Set max buffer size and call init.")]
    [InlineData("Call getElementById to find it.", "Call get element by id to find it.")]
    [InlineData("Use System.Text.Json and JsonSerializer.Serialize().", "Use System dot Text dot Json and Json Serializer dot Serialize.")]
    [InlineData("An XMLHttpRequest threw an IOException.", "An XML Http Request threw an IO Exception.")]
    [InlineData("Written in C++ and C# for .NET", "Written in C plus plus and C sharp for dot NET")]
    [InlineData("Edit README.md and os.path.join", "Edit README dot md and os dot path dot join")]
    [InlineData("McDonald and LaTeX and the iPhone", "McDonald and LaTeX and the i phone")]
    [InlineData("That was the end.The next day", "That was the end. The next day")]
    [InlineData("REST APIs take URLs and IDs", "REST APIs take URLs and IDs")]
    public void Code_identifiers(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Paris is the capital of France.[1] It has 2,102,650 residents.[2][3]", "Paris is the capital of France. It has 2102650 residents.")]
    [InlineData("as noted [1, 3] and [4–6] before", "as noted and before")]
    [InlineData("It is disputed.[citation needed] Others agree.[a]", "It is disputed. Others agree.")]
    [InlineData("as Smith showed.12 The next study", "as Smith showed. The next study")]
    [InlineData("the result¹ was clear²³.", "the result was clear.")]
    [InlineData("where x² grows and E = mc² holds", "where x squared grows and E = mc holds")]
    [InlineData("read a[1] and m[i]", "read a and m[i]")]
    [InlineData("in 2024.12 people", "in two thousand twenty-four point one two people")]
    public void Footnote_and_citation_markers(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("1 Introduction ........................ 5", "1 Introduction, 5")]
    [InlineData("Chapter 4: Function reference . . . . . . . 27", "Chapter 4: Function reference, 27")]
    [InlineData("Preface ....... iv", "Preface, iv")]
    [InlineData("Wait.... what?!?! No!!!", "Wait… what? No!")]
    [InlineData("Title\n==========\nText", "Title\n\nText")]
    [InlineData("fast -- and cheap", "fast — and cheap")]
    [InlineData("• First item\n• Second item", "First item\nSecond item")]
    [InlineData("Home • About • Contact", "Home, About, Contact")]
    public void Dot_leaders_and_punctuation_runs(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("the ﬁrst ﬂoor of an oﬃce with ﬀ and ﬄ", "the first floor of an office with ff and ffl")]
    [InlineData("a well-known exam-\nple of hyphen-\nation", "a well-known example of hyphenation")]
    [InlineData("soft\u00ADhyphen and zero\u200Bwidth", "softhyphen and zerowidth")]
    [InlineData("H₂O and CO₂", "H2O and CO2")]
    [InlineData("R&D at AT&T & friends", "R and D at AT and T and friends")]
    [InlineData("issue #42, ~5 minutes, ±0.5", "issue number 42, about 5 minutes, plus or minus zero point five")]
    [InlineData("a 1920x1080 or 1280×720 display", "a 1920 by 1080 or 1280 by 720 display")]
    [InlineData("2½ cups", "2 and one half cups")]
    public void Typography_and_symbols(string text, string expected) => Assert.Equal(expected, Normalize(text));
}
