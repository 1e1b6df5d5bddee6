using System.Text.Unicode;
using Dms.Hub.Batches;

namespace Dms.Adapters.Csv.Internal;

/// <summary>Whether the first bytes of an upload are text at all, and UTF-8: the checks before any CSV parsing.</summary>
internal static class CsvSniffing
{
    public static BatchFileProblem? Problem(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.IsEmpty || (complete && head.Trim("\r\n\t \uFEFF"u8).IsEmpty))
        {
            return new BatchFileProblem(422, "EMPTY_FILE", "The file is empty.") { Row = 1 };
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new BatchFileProblem(415, "UNSUPPORTED_ENCODING", "The file is UTF-16; save it as UTF-8 (with or without BOM).") { Row = 1 };
        }

        if (head.IndexOf((byte)0) is var nul and >= 0)
        {
            return new BatchFileProblem(415, "NOT_CSV", "This is not a CSV text file (it contains binary data).") { Row = LineOf(head, nul) };
        }

        var text = complete ? head : WithoutCutCharacter(head);
        if (!Utf8.IsValid(text))
        {
            return new BatchFileProblem(415, "UNSUPPORTED_ENCODING", "The file is not UTF-8 (GBK or Latin-1, perhaps); save it as UTF-8.") { Row = LineOf(head, FirstInvalid(text)) };
        }

        return null;
    }

    /// <summary>The head of a longer file may end inside a multi-byte character: leave that character out of the check.</summary>
    private static ReadOnlySpan<byte> WithoutCutCharacter(ReadOnlySpan<byte> head)
    {
        var end = head.Length;
        for (var back = 1; back <= 3 && back <= head.Length; back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0xC0)
            {
                // A lead byte: cut before it if its sequence does not fit in what is left.
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                end = length > back ? head.Length - back : head.Length;
                break;
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return head[..end];
    }

    private static int FirstInvalid(ReadOnlySpan<byte> text)
    {
        for (var length = 1; length <= text.Length; length++)
        {
            if (!Utf8.IsValid(text[..length]) && (length == text.Length || !Utf8.IsValid(text[..(length + Math.Min(3, text.Length - length))])))
            {
                return length - 1;
            }
        }

        return 0;
    }

    private static int LineOf(ReadOnlySpan<byte> head, int position) => head[..Math.Max(0, position)].Count((byte)'\n') + 1;
}
