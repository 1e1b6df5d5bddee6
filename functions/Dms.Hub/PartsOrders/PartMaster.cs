using System.Collections.Frozen;
using System.Text.Json;
using Dms.Hub.Common;
using Microsoft.Extensions.Options;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// The OEM's part master: pack sizes, units, supersession chains and discontinued parts. Built from configuration (and
/// the part master file) when the options change, so lookups on the hot path are dictionary reads.
/// </summary>
public sealed class PartMaster
{
    private const int MaxChain = 20;
    private readonly IOptionsMonitor<PartsOrderOptions> _options;
    private Catalogue? _current;

    public PartMaster(IOptionsMonitor<PartsOrderOptions> options) => _options = options;

    /// <summary>A part master over fixed entries (tests and benchmarks).</summary>
    public static PartMaster Of(IEnumerable<PartMasterEntry> parts, SupersessionPolicy policy = SupersessionPolicy.Substitute)
    {
        var options = new PartsOrderOptions { Supersession = policy };
        foreach (var part in parts)
        {
            options.PartMaster[part.PartNumber!] = part;
        }

        return For(options);
    }

    /// <summary>The part master of fixed options (validation at start-up).</summary>
    public static PartMaster For(PartsOrderOptions options) => new(new FixedOptions(options));

    public SupersessionPolicy Policy => _options.CurrentValue.Supersession;

    public int Count => Parts.Count;

    public PartMasterEntry? Find(string partNumber) => Parts.TryGetValue(partNumber, out var part) ? part : null;

    /// <summary>
    /// Follows the supersession chain from <paramref name="partNumber"/> to the part supplied today. Null when the part
    /// is unknown or the chain is broken (a successor missing from the part master, or a loop).
    /// </summary>
    public PartMasterEntry? Current(string partNumber)
    {
        var part = Find(partNumber);
        for (var hops = 0; part?.SupersededBy is { } next && hops < MaxChain; hops++)
        {
            part = Find(next);
        }

        return part?.SupersededBy is null ? part : null;
    }

    /// <summary>Loads the entries of a part master file: a JSON array of entries, each with its partNumber.</summary>
    public static IReadOnlyList<PartMasterEntry> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<List<PartMasterEntry>>(stream, HubJson.Options) ?? [];
    }

    private FrozenDictionary<string, PartMasterEntry> Parts
    {
        get
        {
            var options = _options.CurrentValue;
            if (_current is { } known && ReferenceEquals(known.Options, options))
            {
                return known.Parts;
            }

            // Built again when the options change; a race builds twice, harmlessly.
            var catalogue = new Catalogue(options, Build(options));
            _current = catalogue;
            return catalogue.Parts;
        }
    }

    private static FrozenDictionary<string, PartMasterEntry> Build(PartsOrderOptions options)
    {
        var parts = new Dictionary<string, PartMasterEntry>(StringComparer.Ordinal);
        if (options.PartMasterFile is { Length: > 0 } file)
        {
            foreach (var part in ReadFile(file).Where(p => p.PartNumber is not null))
            {
                parts[part.PartNumber!] = part;
            }
        }

        foreach (var (number, part) in options.PartMaster)
        {
            part.PartNumber ??= number;
            parts[number] = part;
        }

        return parts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Catalogue(PartsOrderOptions Options, FrozenDictionary<string, PartMasterEntry> Parts);

    private sealed class FixedOptions(PartsOrderOptions value) : IOptionsMonitor<PartsOrderOptions>
    {
        public PartsOrderOptions CurrentValue => value;

        public PartsOrderOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PartsOrderOptions, string?> listener) => null;
    }
}
