[assembly: AssemblyFixture(typeof(Dms.Testing.AzuriteFixture))]
