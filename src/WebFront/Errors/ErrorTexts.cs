namespace Lector.WebFront.Errors;

/// <summary>Human texts for error codes. Codes are the contract; these words may change.</summary>
internal static class ErrorTexts
{
    private static readonly Dictionary<string, (string Title, string Detail)> Texts = new(StringComparer.Ordinal)
    {
        ["validation"] = ("The request is not valid.", "One or more fields are missing or out of range."),
        ["auth.invalid_credentials"] = ("Wrong e-mail or password.", "Check the e-mail address and password and try again."),
        ["auth.email_taken"] = ("That e-mail is already registered.", "Sign in instead, or register with another address."),
        ["auth.required"] = ("Sign-in required.", "Sign in or send an API token."),
        ["auth.csrf_failed"] = ("Missing or wrong CSRF token.", "Send the X-CSRF-Token header with the token from GET /api/auth/csrf."),
        ["document.not_found"] = ("Document not found.", "There is no such document, or you have no access to it."),
        ["document.empty"] = ("The document has no text.", "Give a text with at least one word."),
        ["page.not_found"] = ("Page not found.", "The document has no page with that number."),
        ["token.not_found"] = ("Token not found.", "You have no API token with that id."),
        ["audio.not_found"] = ("Audio not found.", "There is no such audio, or you have no access to it."),
        ["audio.not_ready"] = ("The audio is not ready.", "Wait until its status is completed."),
        ["audio.not_failed"] = ("Only failed audio can be retried.", "The audio has not failed."),
        ["audio.quota_exceeded"] = ("Too many voices for this page.", "Delete an audio of this page before asking for another voice."),
        ["audio.no_marks"] = ("No speech marks.", "The engine gave no speech marks for this audio."),
        ["speech.throttled"] = ("The speech service is busy.", "The audio will be retried; try again later if it failed."),
        ["speech.provider_unavailable"] = ("The speech service is unavailable.", "Retry the audio later."),
        ["speech.provider_unreachable"] = ("The speech service could not be reached.", "Retry the audio later."),
        ["speech.timeout"] = ("The speech service took too long.", "Retry the audio later."),
        ["speech.text_too_long"] = ("The page is too long for this voice.", "Split the page or pick another voice."),
        ["speech.invalid_voice"] = ("The voice cannot read this text.", "Pick another voice."),
        ["speech.invalid_ssml"] = ("The text could not be read.", "Edit the page text and retry."),
        ["speech.invalid_request"] = ("The speech service refused the request.", "Pick another voice, or retry later."),
        ["speech.rejected"] = ("The speech service refused the request.", "Pick another voice, or retry later."),
        ["speech.auth_failed"] = ("Speech could not be generated.", "The service is misconfigured; the operators have been told."),
        ["speech.bad_output"] = ("Speech could not be generated.", "The engine gave unusable audio; retry later."),
        ["speech.empty_text"] = ("There is nothing to read.", "The page has no words."),
        ["voice.not_found"] = ("Unknown voice.", "Pick a voice listed by GET /api/voices."),
        ["upload.unsupported_type"] = ("Unsupported file type.", "Upload a plain-text file, or paste the text."),
        ["upload.too_large"] = ("The upload is too large.", "Upload a smaller file."),
        ["upload.missing_file"] = ("No file was uploaded.", "Send the file in the multipart field 'file'."),
        ["request.unsupported_media_type"] = ("Unsupported request body.", "Send JSON or multipart/form-data."),
        ["not_found"] = ("Not found.", "There is nothing at this address."),
        ["method_not_allowed"] = ("Method not allowed.", "This address does not accept that method."),
        ["rate_limited"] = ("Too many requests.", "Wait a moment and try again."),
        ["unavailable"] = ("Temporarily unavailable.", "Try again shortly."),
        ["internal_error"] = ("Something went wrong.", "The error was logged. Try again; if it persists, quote the trace id."),
    };

    public static (string Title, string Detail) For(string code) =>
        Texts.TryGetValue(code, out var text) ? text : ("The request failed.", "See the error code.");
}
