using System.Security.Cryptography;

namespace Dms.Hub.Batches;

/// <summary>
/// The upload as it streams into storage: counts and hashes it, keeps its first bytes (to check the header), and
/// stops with <see cref="BatchTooLargeException"/> the moment it passes the limit — the file is never held whole.
/// </summary>
internal sealed class UploadStream(Stream inner, long limit, int headBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _head = new byte[headBytes];

    public long Length_ { get; private set; }

    public ReadOnlyMemory<byte> Head => _head.AsMemory(0, (int)Math.Min(Length_, _head.Length));

    /// <summary>Whether the whole upload fits in <see cref="Head"/>.</summary>
    public bool Complete => Length_ <= _head.Length;

    public string Sha256 => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Length_; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Take(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Take(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Take(ReadOnlySpan<byte> chunk)
    {
        if (Length_ < _head.Length)
        {
            chunk[..(int)Math.Min(chunk.Length, _head.Length - Length_)].CopyTo(_head.AsSpan((int)Length_));
        }

        Length_ += chunk.Length;
        if (Length_ > limit)
        {
            throw new BatchTooLargeException(limit);
        }

        _hash.AppendData(chunk);
    }
}

/// <summary>The upload passed the size limit while it was being stored.</summary>
public sealed class BatchTooLargeException(long limit) : Exception($"The file exceeds the limit of {limit} bytes.")
{
    public long Limit { get; } = limit;
}
