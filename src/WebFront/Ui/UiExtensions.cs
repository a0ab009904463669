using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Ui;

/// <summary>Serves the browser UI (plain JavaScript modules and CSS embedded in this assembly).</summary>
public static class UiExtensions
{
    /// <summary>No inline script or style anywhere: the UI only loads its own files and talks to its own API.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseLectorUi(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(UiExtensions).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                // Files change with each deployment and are small: revalidate rather than risk a stale mix of modules.
                headers.CacheControl = CacheControlHeaderValue.NoCacheString;
            },
        });
        return app;
    }
}
