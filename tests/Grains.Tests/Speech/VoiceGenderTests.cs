using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Speech;

/// <summary>
/// Voices report the gender their engine declares, "unknown" otherwise: espeak-ng lists "M" for every language voice
/// whose file names no gender, which is not a declaration.
/// </summary>
public sealed class VoiceGenderTests
{
    [Theory]
    [InlineData("Female", "female")]
    [InlineData("male", "male")]
    [InlineData(" MALE ", "male")]
    [InlineData(null, "unknown")]
    [InlineData("", "unknown")]
    [InlineData("neutral", "unknown")]
    public void An_engines_word_for_a_gender_becomes_one_of_three_values(string? declared, string expected) =>
        Assert.Equal(expected, VoiceGender.Of(declared));

    [Fact]
    public async Task Espeak_language_voices_that_declare_no_gender_are_unknown_not_male_and_have_readable_names()
    {
        var voices = await new EspeakEngine(Options.Create(new EspeakOptions())).ListVoicesAsync(CancellationToken.None);

        Assert.True(voices.Count > 50, $"only {voices.Count} espeak-ng voices");
        Assert.All(voices, v => Assert.Contains(v.Gender, new[] { VoiceGender.Female, VoiceGender.Male, VoiceGender.Unknown }));
        Assert.Equal(VoiceGender.Unknown, voices.Single(v => v.Id == "local:en-us").Gender);
        Assert.Equal("English (Lancaster)", voices.Single(v => v.Id == "local:en-gb-x-gbclan").Name);
        Assert.All(voices, v => Assert.Equal(v.Name.Replace('_', ' ').Trim(), v.Name));
    }

    [Fact]
    public void The_gender_is_the_one_the_voice_file_declares_whatever_the_listing_shows()
    {
        const string listing = """
            Pty Language       Age/Gender VoiceName          File                 Other Languages
             5  af              --/M      Afrikaans          gmw/af
             5  en-gb-x-test    --/M      English_(Test)     gmw/en-GB-x-test     (en 5)
             5  xx              --/F      Someone_           zzz/xx
            """;
        var declared = new Dictionary<string, string> { ["gmw/en-GB-x-test"] = "female", ["zzz/xx"] = "male" };

        var voices = EspeakEngine.ParseVoiceList(listing, file => declared.GetValueOrDefault(file));

        Assert.Equal(
            [("local:af", "Afrikaans", "unknown"), ("local:en-gb-x-test", "English (Test)", "female"), ("local:xx", "Someone", "male")],
            voices.Select(v => (v.Id, v.Name, v.Gender)));
    }

    [Fact]
    public void A_voice_files_gender_line_is_read_from_the_data_directory_espeak_names()
    {
        using var data = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(data.Path, "lang", "gmw"));
        Directory.CreateDirectory(Path.Combine(data.Path, "voices", "!v"));
        File.WriteAllText(Path.Combine(data.Path, "lang", "gmw", "en"), "name English\nlanguage en 2\n");
        File.WriteAllText(Path.Combine(data.Path, "lang", "gmw", "de"), "name German\ngender female 70\nlanguage de\n");
        File.WriteAllText(Path.Combine(data.Path, "voices", "!v", "adam"), "language variant\n\tgender  male\n");

        var directory = EspeakEngine.DataDirectory($"eSpeak NG text-to-speech: 1.51  Data at: {data.Path}\n");

        Assert.Equal(data.Path, directory);
        Assert.Null(EspeakEngine.DeclaredGender(directory, "gmw/en"));
        Assert.Equal("female", EspeakEngine.DeclaredGender(directory, "gmw/de"));
        Assert.Equal("male", EspeakEngine.DeclaredGender(directory, "!v/adam"));
        Assert.Null(EspeakEngine.DeclaredGender(directory, "gmw/missing"));
        Assert.Null(EspeakEngine.DeclaredGender(directory, "../lang/gmw/de"));
        Assert.Null(EspeakEngine.DeclaredGender(null, "gmw/de"));
    }
}
