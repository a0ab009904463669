using Lector.Abstractions;
using Lector.Hosting;

// The web front alone, an Orleans client of the silos: it references no grains, so it loads none of them.
return await LectorProcess.RunAsync(() => LectorProcess.Build(args, HostRole.Front, (builder, role, orleans) =>
{
    if (role != HostRole.Front)
    {
        throw new SettingException($"{HostRoleOptions.Section}:Role '{role.ToString().ToLowerInvariant()}' is run by the program Lector.Silo; Lector.Front runs only 'front'.");
    }

    builder.UseLectorOrleansClient(orleans);
}));
