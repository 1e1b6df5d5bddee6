namespace Dms.Hub.Common;

/// <summary>Vehicle identification number checks (ISO 3779 format, North American check digit).</summary>
public static class Vin
{
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    public static bool HasValidFormat(string? vin) =>
        vin is { Length: 17 } && vin.All(c => (c is >= '0' and <= '9') || (c is >= 'A' and <= 'Z' and not 'I' and not 'O' and not 'Q'));

    /// <summary>Computes the check digit (position 9) for a 17-character VIN whose format is valid.</summary>
    public static char ComputeCheckDigit(string vin)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Transliterate(vin[i]) * Weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    public static bool HasValidCheckDigit(string vin) => HasValidFormat(vin) && ComputeCheckDigit(vin) == vin[8];

    /// <summary>Replaces position 9 with the correct check digit; used by simulators and demo data.</summary>
    public static string WithCheckDigit(string vin) => string.Concat(vin.AsSpan(0, 8), ComputeCheckDigit(vin).ToString(), vin.AsSpan(9));

    private static int Transliterate(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => 0,
    };
}
