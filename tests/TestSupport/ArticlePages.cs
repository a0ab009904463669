namespace Lector.Testing;

/// <summary>
/// Web pages as news sites and blogs serve them: one article amid the clutter around it (navigation, advertising, a
/// cookie banner, sharing, related links, comments, a footer, scripts and styles), with what a reader of the article
/// must hear, in order, and what must not reach them.
/// </summary>
public static class ArticlePages
{
    public const string Title = "The Quiet Return of the Night Train";

    public const string Author = "Ana Ribeiro";

    /// <summary>The article's headings, paragraphs, quotation and caption, in reading order.</summary>
    public static readonly string[] ArticleText =
    [
        "Ten years ago, the last sleeper service between Lisbon and Madrid pulled out of Santa Apolónia with half its berths empty, and few people expected to see another.",
        "This spring, a new operator ran the route again, with refurbished carriages, a dining car that serves dinner until midnight, and fares that undercut a short flight once the airport transfers are counted.",
        "A timetable drawn for sleepers",
        "The train leaves at nine in the evening, crosses the border while most passengers are asleep, and arrives in the Spanish capital shortly after seven, early enough for a meeting, late enough for a full night's rest.",
        "Couchettes on the refurbished train sleep four, with reading lights, curtains and a socket at every berth.",
        "We did not build a slower aeroplane, we built a hotel that moves, and people understand that the moment they step aboard.",
        "Bookings, according to the operator, have filled three quarters of the berths since the first departure, with families, students and business travellers sharing the same corridors.",
        "What it costs",
        "A seat costs about as much as a budget flight, while a private compartment, with its own washbasin and breakfast served at the door, costs roughly what a night in a central hotel would.",
        "Whether the route survives its second winter depends on track charges, which the two governments have promised, cautiously, to review before the end of the year.",
    ];

    /// <summary>Words from every part of the page that is not the article.</summary>
    public static readonly string[] Clutter =
    [
        "We use cookies", "Accept all", "Manage settings", "Search the Meridian", "World news", "Travel deals",
        "Fly to Lisbon", "Home", "Share on X", "Share on Facebook", "Email this story", "weekly travel newsletter",
        "Why ferries are the new budget airlines", "Ten scenic railway journeys", "Read more", "Tagged", "Comments (3)",
        "TrainFan88", "I took this train in May", "Post comment", "Most popular", "Sponsored", "travel insurance",
        "All rights reserved", "Privacy policy", "TRACKING", "dataLayer", "font-family", "bottom script",
    ];

    /// <summary>A news site's article page, the article in plain divs (no article or main element) so only its prose shows where it is.</summary>
    public const string ClutteredHtml = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>The Quiet Return of the Night Train | The Daily Meridian</title>
          <meta property="og:title" content="The Quiet Return of the Night Train">
          <meta property="og:site_name" content="The Daily Meridian">
          <meta name="author" content="Ana Ribeiro">
          <style>body { font-family: Georgia, serif; } .cookie-banner { position: fixed; bottom: 0; }</style>
          <script>window.dataLayer = window.dataLayer || []; function track() { document.write("TRACKING PIXEL"); }</script>
        </head>
        <body>
          <div id="cookie-consent" class="cookie-banner">
            <p>We use cookies to improve your experience, to personalise advertising and to measure our audience, as described in our cookie policy.</p>
            <button>Accept all</button> <button>Manage settings</button>
          </div>
          <div class="site-header">
            <a href="/" class="logo">The Daily Meridian</a>
            <nav class="main-nav">
              <ul>
                <li><a href="/world">World news</a></li>
                <li><a href="/travel">Travel deals</a></li>
                <li><a href="/opinion">Opinion</a></li>
              </ul>
            </nav>
            <form class="search" action="/search"><input name="q" placeholder="Search the Meridian"><button>Go</button></form>
          </div>
          <div class="ad-slot ad-leaderboard">
            <p>Fly to Lisbon from 29 euros, this week only, with limited seats, generous luggage and free changes on every fare.</p>
          </div>
          <div class="page-wrapper">
            <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/travel">Travel</a> &rsaquo; Rail</div>
            <div class="layout">
              <div class="main-column">
                <div class="story-header">
                  <h1 class="headline">The Quiet Return of the Night Train</h1>
                  <p class="byline">By <a href="/authors/ana-ribeiro" rel="author">Ana Ribeiro</a>, Transport Correspondent</p>
                  <div class="share-bar">
                    <a href="https://x.example/share">Share on X</a>
                    <a href="https://facebook.example/share">Share on Facebook</a>
                    <a href="mailto:?subject=Night%20trains">Email this story</a>
                  </div>
                </div>
                <div class="story-body">
                  <p>Ten years ago, the last sleeper service between Lisbon and Madrid pulled out of Santa Apolónia with half its berths empty, and few people expected to see another.</p>
                  <p>This spring, a new operator ran the route again, with refurbished carriages, a dining car that serves dinner until midnight, and fares that undercut a short flight once the airport transfers are counted.</p>
                  <div class="inline-promo">
                    <a href="/newsletter">Sign up for our weekly travel newsletter and never miss a deal on trains, planes and ferries.</a>
                  </div>
                  <h2>A timetable drawn for sleepers</h2>
                  <p>The train leaves at nine in the evening, crosses the border while most passengers are asleep, and arrives in the Spanish capital shortly after seven, early enough for a meeting, late enough for a full night's rest.</p>
                  <figure>
                    <img src="/images/couchette.jpg" alt="">
                    <figcaption>Couchettes on the refurbished train sleep four, with reading lights, curtains and a socket at every berth.</figcaption>
                  </figure>
                  <blockquote><p>We did not build a slower aeroplane, we built a hotel that moves, and people understand that the moment they step aboard.</p></blockquote>
                  <p>Bookings, according to the operator, have filled three quarters of the berths since the first departure, with families, students and business travellers sharing the same corridors.</p>
                  <div class="related-links">
                    <h3>Read more</h3>
                    <ul>
                      <li><a href="/travel/ferries">Why ferries are the new budget airlines of the Mediterranean coast</a></li>
                      <li><a href="/travel/railways">Ten scenic railway journeys to take before you turn forty</a></li>
                    </ul>
                  </div>
                  <h2>What it costs</h2>
                  <p>A seat costs about as much as a budget flight, while a private compartment, with its own washbasin and breakfast served at the door, costs roughly what a night in a central hotel would.</p>
                  <p>Whether the route survives its second winter depends on track charges, which the two governments have promised, cautiously, to review before the end of the year.</p>
                </div>
                <div class="tags">Tagged: <a href="/tags/rail">Rail</a>, <a href="/tags/europe">Europe</a>, <a href="/tags/sleepers">Sleepers</a></div>
                <section id="comments" class="comments-area">
                  <h2>Comments (3)</h2>
                  <div class="comment">
                    <p class="comment-author">TrainFan88</p>
                    <p>I took this train in May, and honestly, the dining car alone was worth it, though the air conditioning in our compartment was far too cold, and the coffee, frankly, was worse than at the station.</p>
                  </div>
                  <div class="comment">
                    <p class="comment-author">Marta</p>
                    <p>Lovely article, but you forgot to mention that bicycles travel free, which, for those of us who cycle around Madrid, is the main reason, really, to take it at all.</p>
                  </div>
                  <div class="comment">
                    <p class="comment-author">J. Okafor</p>
                    <p>The same route existed until the early two thousands, with older carriages, of course, and it was always full in summer, so the demand was never the problem, politics was.</p>
                  </div>
                  <form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form>
                </section>
              </div>
              <aside class="sidebar">
                <div class="widget most-popular">
                  <h3>Most popular</h3>
                  <ol>
                    <li><a href="/a">Mayor unveils a plan for car-free Sundays across the old town</a></li>
                    <li><a href="/b">The bakery that has not changed its recipe in a hundred years</a></li>
                  </ol>
                </div>
                <div class="ad ad-mpu"><p>Sponsored: the best travel insurance for rail journeys, compared by our partners, with prices, ratings and reviews.</p></div>
              </aside>
            </div>
          </div>
          <div class="site-footer" id="footer">
            <p>&copy; 2025 The Daily Meridian. All rights reserved, including the right to reproduce this page, in whole or in part, in any form.</p>
            <ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms</a></li></ul>
          </div>
          <script src="/analytics.js"></script>
          <script>console.log("bottom script loaded");</script>
        </body>
        </html>
        """;
}
