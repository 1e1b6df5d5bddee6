using System.Text;
using Azure.Data.Tables;
using Dms.Adapters.AzureStorage.Internal;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class BrotliChunksTests
{
    [Fact]
    public void Write_PooledBufferReusedAcrossValues_EachEntityHoldsOnlyItsOwnValue()
    {
        // perf13: the compressed bytes go through a pooled buffer. A large value then small ones (the pool hands the
        // same array back, its old bytes still in it) must each read back exactly, and nothing the entity holds may
        // alias the pooled array (a later write would change an entity already handed to a batch).
        var random = new Random(13);
        var large = new byte[200_000];
        random.NextBytes(large);
        var values = new[] { large, Encoding.UTF8.GetBytes("{\"a\":1}"), [], Encoding.UTF8.GetBytes(new string('x', 70_000)) };
        var entities = new List<TableEntity>();

        foreach (var value in values)
        {
            var entity = new TableEntity("p", "r" + entities.Count);
            BrotliChunks.Write(entity, "Body", value);
            entities.Add(entity);
        }

        var snapshots = entities.Select(e => e.Where(p => p.Value is byte[]).ToDictionary(p => p.Key, p => ((byte[])p.Value).ToArray())).ToList();
        for (var i = 0; i < 3; i++)
        {
            var other = new byte[120_000];
            random.NextBytes(other);
            BrotliChunks.Write(new TableEntity("p", "x"), "Body", other);
        }

        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], BrotliChunks.Read(entities[i], "Body"));
            foreach (var (key, bytes) in snapshots[i])
            {
                Assert.Equal(bytes, (byte[])entities[i][key]);
            }
        }
    }
}
