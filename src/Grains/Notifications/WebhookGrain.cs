using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Notifications;
using Lector.Grains.Outbound;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Notifications;

public sealed class WebhookState
{
    public string? Url { get; set; }

    public string? Secret { get; set; }

    /// <summary>Deliveries not yet taken by the receiver, oldest first.</summary>
    public List<WebhookDelivery> Pending { get; set; } = [];
}

public sealed class WebhookDelivery
{
    public string Id { get; set; } = "";

    public string Payload { get; set; } = "";

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
}

/// <summary>
/// Deliveries are persisted before they are tried and registered as pending work, so a receiver that is
/// down, or a silo restart, only delays them. Retries back off exponentially with full jitter. A grain delivering
/// when its silo stops moves to another silo and goes on delivering there.
/// </summary>
public sealed partial class WebhookGrain(
    [PersistentState("webhook")] IPersistentState<WebhookState> state,
    WebhookSender sender,
    PendingWork pendingWork,
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider time,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain
{
    /// <summary>A receiver that is down for long must not make the queue grow without bound.</summary>
    private const int MaxPending = 200;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private IGrainTimer? _timer;

    // A change a storage outage kept from being written (a delivery made, an attempt counted): written on a later tick,
    // before the queue is let go, so the receiver does not get a delivery again when the grain is next loaded.
    private bool _unsaved;

    private WebhookState Webhook => state.State;

    /// <summary>Deliveries waiting are work in flight, whatever activated the grain (a move from a stopping silo, say).</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Webhook.Pending.Count > 0 && Webhook.Url is not null)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
        {
            await SaveAsync(cancellationToken);
        }

        await this.MoveIfSiloStops(reason, worthMoving: _timer is not null);
    }

    public async Task<WebhookView> Configure(string url, string? secret)
    {
        if (!OutboundAddressPolicy.IsAcceptableUrl(url, out var uri))
        {
            throw LectorException.Invalid("url", "webhook.invalid_url");
        }

        try
        {
            await sender.CheckAsync(uri, CancellationToken.None);
        }
        catch (Exception e) when (e is OutboundAddressRefusedException or System.Net.Sockets.SocketException)
        {
            throw LectorException.Invalid("url", "webhook.url_not_allowed");
        }

        Webhook.Url = uri.AbsoluteUri;
        Webhook.Secret = string.IsNullOrEmpty(secret) ? Secrets.NewToken("whsec_") : secret;
        await state.WriteStateAsync();
        return new WebhookView(Webhook.Url, Webhook.Secret, Webhook.Pending.Count);
    }

    public async Task Remove()
    {
        await state.ClearStateAsync();
        await pendingWork.RemoveAsync(this.GetGrainId());
        StopTimer();
    }

    public Task<WebhookView?> Get() =>
        Task.FromResult(Webhook.Url is { } url ? new WebhookView(url, null, Webhook.Pending.Count) : null);

    public async Task Deliver(Notification notification)
    {
        if (Webhook.Url is null)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(
            new { notification.Id, UserId = this.GetPrimaryKeyString(), notification.Kind, notification.Message, notification.Data, notification.CreatedAt },
            PayloadJson);
        Webhook.Pending.Add(new WebhookDelivery { Id = notification.Id, Payload = payload, NextAttemptAt = time.GetUtcNow() });
        if (Webhook.Pending.Count > MaxPending)
        {
            Webhook.Pending.RemoveRange(0, Webhook.Pending.Count - MaxPending);
        }

        // Started first: what is queued goes out even if storing it is refused just now (the timer stores it later).
        StartTimer();
        _unsaved = true;
        await pendingWork.AddAsync(this.GetGrainId());
        await state.WriteStateAsync();
        _unsaved = false;
    }

    public async Task Resume()
    {
        if (Webhook.Pending.Count > 0 && Webhook.Url is not null)
        {
            StartTimer();
        }
        else
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Tick) { KeepAlive = true, Interleave = false });

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_unsaved && !await SaveAsync(cancellationToken))
        {
            return;
        }

        if (Webhook.Url is not { } url || Webhook.Secret is not { } secret || Webhook.Pending.FirstOrDefault() is not { } next)
        {
            StopTimer();
            await pendingWork.RemoveAsync(this.GetGrainId());
            return;
        }

        // In order: the oldest delivery blocks the rest, so a receiver sees notifications as they happened.
        if (next.NextAttemptAt > now)
        {
            return;
        }

        var delivered = false;
        try
        {
            delivered = await sender.SendAsync(new Uri(url), secret, next.Id, next.Payload, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OutboundAddressRefusedException)
        {
            LogAttemptFailed(logger, e.GetType().Name);
        }

        next.Attempts++;
        if (delivered || next.Attempts >= options.CurrentValue.WebhookMaxAttempts)
        {
            Webhook.Pending.RemoveAt(0);
        }
        else
        {
            var settings = options.CurrentValue;
            next.NextAttemptAt = now + RetryBackoff.Delay(next.Attempts, settings.WebhookFirstRetryDelay, settings.WebhookMaxRetryDelay, Random.Shared);
        }

        await SaveAsync(cancellationToken);
    }

    /// <summary>Writes the queue; a storage outage leaves it to a later tick. Returns whether it is written.</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        _unsaved = true;
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _unsaved = false;
        }
        catch (StorageUnavailableException e)
        {
            LogSaveDeferred(logger, e.Code);
        }

        return !_unsaved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook queue could not be stored ({Code}); it is stored again on the next tick")]
    private static partial void LogSaveDeferred(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "A webhook delivery attempt failed with {Error}; it will be retried")]
    private static partial void LogAttemptFailed(ILogger logger, string error);
}
