using Lector.Hosting;
using Lector.Silo;

return await LectorProcess.RunAsync(() => LectorHost.Build(args));
