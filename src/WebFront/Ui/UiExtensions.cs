using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Ui;

/// <summary>Serves the browser UI (plain JavaScript modules and CSS embedded in this assembly).</summary>
public static class UiExtensions
{
    /// <summary>The UI's files, as embedded in this assembly.</summary>
    public static IFileProvider Files { get; } = new ManifestEmbeddedFileProvider(typeof(UiExtensions).Assembly, "wwwroot");

    public static WebApplication UseLectorUi(this WebApplication app)
    {
        var files = Files;
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // The strict Content-Security-Policy and other security headers come from SecurityHeaders, for every response.
                // Files change with each deployment and are small: revalidate rather than risk a stale mix of modules.
                context.Context.Response.Headers.CacheControl = CacheControlHeaderValue.NoCacheString;
            },
        });
        return app;
    }
}
