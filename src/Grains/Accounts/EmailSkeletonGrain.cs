using Lector.Abstractions.Accounts;

namespace Lector.Grains.Accounts;

public sealed class EmailSkeletonState
{
    public string Email { get; set; } = "";
}

public sealed class EmailSkeletonGrain([PersistentState("emailSkeleton")] IPersistentState<EmailSkeletonState> state) : Grain, IEmailSkeletonGrain
{
    public async Task<bool> Claim(string email)
    {
        if (state.RecordExists)
        {
            return state.State.Email == email;
        }

        state.State = new EmailSkeletonState { Email = email };
        await state.WriteStateAsync();
        return true;
    }
}
