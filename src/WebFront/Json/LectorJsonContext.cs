using System.Text.Json;
using System.Text.Json.Serialization;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Abstractions.Lexicon;
using Lector.Abstractions.Lifecycle;
using Lector.Abstractions.Links;
using Lector.Abstractions.Notifications;
using Lector.Abstractions.Podcasts;
using Lector.Abstractions.Sharing;
using Lector.WebFront.Endpoints;
using Lector.WebFront.Health;

namespace Lector.WebFront.Json;

/// <summary>
/// Serialization code generated at build time for every body the HTTP contract reads or writes, so answers are written
/// without reflection (measured: reflection-based serialization was about a sixth of a listing's cost). The options
/// match <see cref="WebFrontExtensions"/>' runtime ones; a type missing here still works, by reflection, and
/// <c>JsonContractTests</c> names it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DocumentEndpoints.AcceptedDocument))]
[JsonSerializable(typeof(AdminSettings))]
[JsonSerializable(typeof(AdminStatistics))]
[JsonSerializable(typeof(AudioEndpoints.AudioRequest))]
[JsonSerializable(typeof(AudioView))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(DocumentEndpoints.CreateDocumentRequest))]
[JsonSerializable(typeof(AuthEndpoints.CsrfResponse))]
[JsonSerializable(typeof(DocumentAudioProgress))]
[JsonSerializable(typeof(DocumentDetails))]
[JsonSerializable(typeof(AdminEndpoints.ExportAnswer))]
[JsonSerializable(typeof(AdminEndpoints.ExportRequest))]
[JsonSerializable(typeof(ExportView))]
[JsonSerializable(typeof(IReadOnlyList<ApiTokenInfo>))]
[JsonSerializable(typeof(IReadOnlyList<Chapter>))]
[JsonSerializable(typeof(IReadOnlyList<ExportView>))]
[JsonSerializable(typeof(IReadOnlyList<ShareInfo>))]
[JsonSerializable(typeof(IReadOnlyList<SpeechMark>))]
[JsonSerializable(typeof(IReadOnlyList<VoiceInfo>))]
[JsonSerializable(typeof(IssuedApiToken))]
[JsonSerializable(typeof(ListeningPosition))]
[JsonSerializable(typeof(AuthEndpoints.LoginResponse))]
[JsonSerializable(typeof(NotificationEndpoints.MarkReadResponse))]
[JsonSerializable(typeof(PageAudioList))]
[JsonSerializable(typeof(DocumentEndpoints.PageResponse))]
[JsonSerializable(typeof(PagedResult<AuditEntry>))]
[JsonSerializable(typeof(PagedResult<DocumentSummary>))]
[JsonSerializable(typeof(PagedResult<FailureRecord>))]
[JsonSerializable(typeof(PagedResult<Notification>))]
[JsonSerializable(typeof(PagedResult<PageSummary>))]
[JsonSerializable(typeof(PagedResult<SharedDocumentSummary>))]
[JsonSerializable(typeof(DocumentEndpoints.PositionRequest))]
[JsonSerializable(typeof(ReconcileReport))]
[JsonSerializable(typeof(AuthEndpoints.RegistrationResponse))]
[JsonSerializable(typeof(ShareInfo))]
[JsonSerializable(typeof(DocumentEndpoints.UpdateDocumentRequest))]
[JsonSerializable(typeof(DocumentEndpoints.UpdatePageRequest))]
[JsonSerializable(typeof(AuthEndpoints.UserResponse))]
[JsonSerializable(typeof(WebhookView))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ExportEndpoints.CreateExportRequest))]
[JsonSerializable(typeof(PodcastEndpoints.FeedRequest))]
[JsonSerializable(typeof(PodcastEndpoints.CreatedFeed))]
[JsonSerializable(typeof(IReadOnlyList<PodcastFeedView>))]
[JsonSerializable(typeof(IReadOnlyList<LexiconEndpoints.LexiconEntryRequest?>))]
[JsonSerializable(typeof(IReadOnlyList<LexiconEntry>))]
[JsonSerializable(typeof(AuthEndpoints.RegisterRequest))]
[JsonSerializable(typeof(AuthEndpoints.LoginRequest))]
[JsonSerializable(typeof(TokenEndpoints.CreateTokenRequest))]
[JsonSerializable(typeof(SharingEndpoints.ShareRequest))]
[JsonSerializable(typeof(SharingEndpoints.ChangeShareRequest))]
[JsonSerializable(typeof(PublicLinkEndpoints.CreateLinkRequest))]
[JsonSerializable(typeof(PublicLinkEndpoints.CreatedLink))]
[JsonSerializable(typeof(IReadOnlyList<PublicLinkInfo>))]
[JsonSerializable(typeof(PublicDocumentView))]
[JsonSerializable(typeof(PublicPageView))]
[JsonSerializable(typeof(PublicAudioView))]
[JsonSerializable(typeof(NotificationEndpoints.MarkReadRequest))]
[JsonSerializable(typeof(NotificationEndpoints.WebhookRequest))]
[JsonSerializable(typeof(AdminEndpoints.SettingsRequest))]
public sealed partial class LectorJsonContext : JsonSerializerContext;
