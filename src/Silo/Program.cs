using Lector.Silo;

await LectorHost.Build(args).RunAsync();
