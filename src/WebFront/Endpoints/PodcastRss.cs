using System.Globalization;
using System.Text;
using System.Xml;
using Lector.Abstractions.Podcasts;

namespace Lector.WebFront.Endpoints;

/// <summary>
/// A podcast's RSS 2.0 document with the iTunes namespace, as podcast apps read it: the document is the show, each
/// episode an item with its enclosure's exact length and type, its duration and a GUID that stays the same when the
/// episode is rebuilt (its enclosure URL changes instead). The show is serial (episodes in order) and blocked from
/// directories: the feed is private.
/// </summary>
internal static class PodcastRss
{
    public const string ContentType = "application/rss+xml; charset=utf-8";

    private const string ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>How long (minutes) apps may cache the feed: briefly while episodes are still being made, otherwise a few hours.</summary>
    private const int TtlWhileGrowing = 15;
    private const int TtlWhenComplete = 360;

    public static byte[] Write(PodcastChannel channel, string feedUrl, string siteUrl, Func<PodcastEpisode, string> enclosureUrl)
    {
        var description = $"“{channel.Title}”, read aloud by Lector ({channel.Voice}).";
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "itunes", null, ITunes);
            xml.WriteAttributeString("xmlns", "atom", null, Atom);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", channel.Title);
            xml.WriteElementString("link", siteUrl);
            xml.WriteElementString("description", description);
            xml.WriteElementString("language", (channel.Language ?? "en").ToLowerInvariant());
            xml.WriteElementString("generator", "Lector");
            xml.WriteElementString("pubDate", Rfc822(channel.UpdatedAt));
            xml.WriteElementString("lastBuildDate", Rfc822(channel.UpdatedAt));
            xml.WriteElementString("ttl", (IsGrowing(channel) ? TtlWhileGrowing : TtlWhenComplete).ToString(CultureInfo.InvariantCulture));
            xml.WriteStartElement("atom", "link", Atom);
            xml.WriteAttributeString("href", feedUrl);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            xml.WriteElementString("itunes", "author", ITunes, channel.Author);
            xml.WriteElementString("itunes", "summary", ITunes, description);
            xml.WriteElementString("itunes", "explicit", ITunes, "false");
            xml.WriteElementString("itunes", "type", ITunes, "serial");
            xml.WriteElementString("itunes", "block", ITunes, "Yes");
            xml.WriteStartElement("itunes", "category", ITunes);
            xml.WriteAttributeString("text", "Arts");
            xml.WriteStartElement("itunes", "category", ITunes);
            xml.WriteAttributeString("text", "Books");
            xml.WriteEndElement();
            xml.WriteEndElement();
            foreach (var episode in channel.Episodes)
            {
                WriteItem(xml, channel, episode, enclosureUrl(episode));
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void WriteItem(XmlWriter xml, PodcastChannel channel, PodcastEpisode episode, string enclosureUrl)
    {
        var pages = episode.FirstPage == episode.LastPage
            ? string.Create(CultureInfo.InvariantCulture, $"page {episode.FirstPage}")
            : string.Create(CultureInfo.InvariantCulture, $"pages {episode.FirstPage} to {episode.LastPage}");
        xml.WriteStartElement("item");
        xml.WriteElementString("title", episode.Title);
        xml.WriteElementString("description", $"{episode.Title}: {pages} of “{channel.Title}”.");
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(episode.Guid);
        xml.WriteEndElement();
        xml.WriteElementString("pubDate", Rfc822(episode.BuiltAt));
        xml.WriteStartElement("enclosure");
        xml.WriteAttributeString("url", enclosureUrl);
        xml.WriteAttributeString("length", episode.SizeBytes.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("type", "audio/mpeg");
        xml.WriteEndElement();
        xml.WriteElementString("itunes", "title", ITunes, episode.Title);
        xml.WriteElementString("itunes", "duration", ITunes, Math.Max(1, (episode.DurationMs + 500) / 1000).ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("itunes", "episode", ITunes, episode.Number.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("itunes", "episodeType", ITunes, "full");
        xml.WriteElementString("itunes", "explicit", ITunes, "false");
        xml.WriteEndElement();
    }

    /// <summary>Episodes are still to come: some are not built, or none was counted yet (every document has a page, so at least one comes).</summary>
    private static bool IsGrowing(PodcastChannel channel) => channel.EpisodeCount == 0 || channel.Episodes.Count < channel.EpisodeCount;

    /// <summary>RFC 822 dates, as RSS 2.0 has them (in GMT).</summary>
    private static string Rfc822(DateTimeOffset at) => at.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
