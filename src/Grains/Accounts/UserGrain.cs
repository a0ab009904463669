using Lector.Abstractions;
using Lector.Abstractions.Accounts;

namespace Lector.Grains.Accounts;

public sealed class UserState
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<ApiTokenRecord> Tokens { get; set; } = [];
}

/// <summary>A token as the user grain remembers it: never the secret, only the hash that keys its token grain.</summary>
public sealed class ApiTokenRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IGrainFactory grains,
    TimeProvider time) : Grain, IUserGrain
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(14);

    private string UserId => this.GetPrimaryKeyString();

    public async Task Initialize(string email, string displayName)
    {
        if (state.RecordExists)
        {
            throw new LectorException(ErrorKind.Conflict, "auth.user_exists");
        }

        state.State = new UserState { Email = email, DisplayName = displayName, CreatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(
        state.RecordExists ? new UserProfile(UserId, state.State.Email, state.State.DisplayName, state.State.CreatedAt) : null);

    public async Task<IssuedApiToken> CreateApiToken(string name)
    {
        EnsureExists();
        var secret = Secrets.NewToken("lct_");
        var record = new ApiTokenRecord { Id = Secrets.NewId(), Name = name, SecretHash = Secrets.Hash(secret), CreatedAt = time.GetUtcNow() };
        await grains.Grain<IApiTokenGrain>(record.SecretHash).Issue(UserId, record.Id);
        state.State.Tokens.Add(record);
        await state.WriteStateAsync();
        return new IssuedApiToken(record.Id, record.Name, secret);
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListApiTokens()
    {
        EnsureExists();
        var lastUsed = await Task.WhenAll(state.State.Tokens.Select(t => grains.Grain<IApiTokenGrain>(t.SecretHash).GetLastUsed()));
        return [.. state.State.Tokens.Select((t, i) => new ApiTokenInfo(t.Id, t.Name, t.CreatedAt, lastUsed[i]))];
    }

    public async Task<bool> RevokeApiToken(string tokenId)
    {
        EnsureExists();
        var record = state.State.Tokens.Find(t => t.Id == tokenId);
        if (record is null)
        {
            return false;
        }

        await grains.Grain<IApiTokenGrain>(record.SecretHash).Revoke();
        state.State.Tokens.Remove(record);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<IssuedSession> StartSession()
    {
        EnsureExists();
        var token = Secrets.NewToken("");
        var csrf = Secrets.NewToken("");
        var expiresAt = time.GetUtcNow() + SessionLifetime;
        await grains.Grain<ISessionGrain>(Secrets.Hash(token)).Open(UserId, csrf, expiresAt);
        return new IssuedSession(token, csrf, expiresAt);
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw LectorException.NotFound("user.not_found");
        }
    }
}
