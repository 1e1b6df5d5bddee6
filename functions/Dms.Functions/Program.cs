using Dms.Functions;

await HubApp.Create(args).RunAsync();
