[assembly: AssemblyFixture(typeof(Dms.Testing.AzuriteFixture))]
[assembly: AssemblyFixture(typeof(Dms.Console.Tests.Browser.BrowserFixture))]
