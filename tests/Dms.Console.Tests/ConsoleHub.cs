namespace Dms.Console.Tests;

/// <summary>One hub with the console (and its week of demo history) for the HTTP and browser tests.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleHub : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
