using System.Text;

namespace Conversations.Outbound;

/// <summary>One recipient as a campaign's CSV names them: by customer id or by identifier, with the template's parameters.</summary>
public sealed record CsvRecipient(string? CustomerId, string? CustomerIdentifier, IReadOnlyList<string> Parameters);

/// <summary>
/// A campaign's recipients as a spreadsheet exports them (RFC 4180: commas, double quotes around a field with commas,
/// quotes or line breaks, "" for a quote inside). The header's first column is <c>customerIdentifier</c> or
/// <c>customerId</c>; the columns after it are the template's parameters in order, whatever they are called. Blank lines
/// are skipped. The file is UTF-8, with or without a byte order mark. A malformed file is refused whole, naming its line.
/// </summary>
public static class RecipientsCsv
{
    public const string Field = "csv";

    /// <summary>Strict: a byte that is not UTF-8 is refused rather than read as a replacement character into a name.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of an uploaded file, without its byte order mark; invalid UTF-8 is refused naming its line.</summary>
    public static string Decode(ReadOnlySpan<byte> file)
    {
        // Spreadsheets write one; the strict encoding (emitting none) would keep it as a character before the header.
        var byteOrderMark = "\uFEFF"u8;
        var text = file.StartsWith(byteOrderMark) ? file[byteOrderMark.Length..] : file;
        try
        {
            return StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException e)
        {
            // The bytes before the bad one are valid, so they tell its line.
            var line = LineOf(StrictUtf8.GetString(text[..Math.Clamp(e.Index, 0, text.Length)]));
            throw DomainException.Invalid($"Line {line} of the CSV is not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in a spreadsheet).", Field);
        }
    }

    public static IReadOnlyList<CsvRecipient> Parse(string csv)
    {
        var rows = Rows(csv).Where(r => r.Cells is not [""]).ToList();
        if (rows.Count == 0)
        {
            throw DomainException.Invalid("The CSV is empty: a header (customerIdentifier or customerId, then the parameters) and a line per recipient.", Field);
        }

        var (_, header) = rows[0];
        var byId = header[0].Trim() switch
        {
            var first when first.Equals("customerId", StringComparison.OrdinalIgnoreCase) => true,
            var first when first.Equals("customerIdentifier", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw DomainException.Invalid("The CSV's first column must be customerIdentifier or customerId.", Field),
        };
        return [.. rows.Skip(1).Select(row => row.Cells.Count == header.Count
            ? new CsvRecipient(byId ? row.Cells[0].Trim() : null, byId ? null : row.Cells[0].Trim(), row.Cells.Skip(1).ToArray())
            : throw DomainException.Invalid($"Line {row.Line} of the CSV has {row.Cells.Count} columns; the header has {header.Count}.", Field))];
    }

    /// <summary>The line (from 1) that the end of <paramref name="text"/> is on.</summary>
    private static int LineOf(string text) => 1 + Enumerable.Range(0, text.Length).Count(i => IsLineEnd(text, i));

    /// <summary>Whether the character at <paramref name="i"/> ends a line: a LF, or a CR not followed by a LF.</summary>
    private static bool IsLineEnd(string text, int i) => text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'));

    /// <summary>The rows with the line each starts on; a quoted field may hold line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Cells)> Rows(string csv)
    {
        var (line, startLine, quoted) = (1, 1, false);
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    // CRLF, LF and a lone CR each end one line, as outside quotes.
                    line += IsLineEnd(csv, i) ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                yield return (startLine, cells);
                cells = [];
                startLine = ++line;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw DomainException.Invalid($"The quoted field that starts on line {startLine} of the CSV never ends.", Field);
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return (startLine, cells);
        }
    }
}
