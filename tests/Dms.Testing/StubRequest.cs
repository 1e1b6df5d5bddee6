using System.Text.Json.Nodes;

namespace Dms.Testing;

public sealed record StubRequest(string Path, string? IdempotencyKey, string? ApiKey, DateTime At, string? Status, JsonObject? Body, string? RawBody);
