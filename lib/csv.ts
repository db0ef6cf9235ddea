// CSV as RFC 4180 writes it, and as spreadsheets and exports write it in practice: a byte-order
// mark, CRLF, LF or CR line ends, quoted fields holding separators, doubled quotes and new lines.
// Reading is linear and never throws; writing quotes only what needs it and can neutralize cells a
// spreadsheet would run as formulas.

export interface CsvRecord {
  /** 1-based line of the text where the record starts. */
  line: number;
  fields: string[];
  /** The record ends inside a quoted field that was never closed (the rest of the text). */
  unclosedQuote: boolean;
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** The white space `String.prototype.trim` removes, for one UTF-16 code unit. */
function isTrimSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Counts the line ends in text[from, to): CRLF, LF and a lone CR each end one line. */
function lineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/**
 * Splits text into records (RFC 4180), leniently: a field is quoted when its first character other
 * than white space is `"` (the white space before it is dropped); a `"` later in an unquoted field
 * is kept as it is; text after a closing quote joins the field; an unclosed quote runs to the end
 * of the text. Blank lines are records with one empty field. The text is read as given (a leading
 * byte-order mark is not removed here). Linear in the length of the text.
 */
export function readCsvRecords(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  const sep = delimiter.charCodeAt(0);
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  /** Index of the first of `delimiter`, CR or LF at or after `from`, or the end of the text. */
  const fieldEnd = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === sep || c === CR || c === LF) break;
      j++;
    }
    return j;
  };
  for (;;) {
    // One field, starting at i.
    let value: string;
    let quoted = false;
    let unclosed = false;
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === sep || c === CR || c === LF || !isTrimSpace(c)) break;
      j++;
    }
    if (j < n && text.charCodeAt(j) === QUOTE) {
      quoted = true;
      const parts: string[] = [];
      let k = j + 1;
      for (;;) {
        const close = text.indexOf('"', k);
        if (close < 0) {
          parts.push(text.slice(k));
          line += lineEnds(text, k, n);
          k = n;
          unclosed = true;
          break;
        }
        parts.push(text.slice(k, close));
        line += lineEnds(text, k, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          parts.push('"');
          k = close + 2;
        } else {
          k = close + 1;
          break;
        }
      }
      const end = unclosed ? n : fieldEnd(k);
      if (end > k) parts.push(text.slice(k, end));
      value = parts.length === 1 ? parts[0]! : parts.join('');
      i = end;
    } else {
      const end = fieldEnd(i);
      value = text.slice(i, end);
      i = end;
    }
    fields.push(value);

    if (i >= n) {
      // The last record: kept unless it is nothing at all (text ending with a line end).
      if (fields.length > 1 || value !== '' || quoted) records.push({ line: recordLine, fields, unclosedQuote: unclosed });
      return records;
    }
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      continue;
    }
    // A line end: CRLF, LF or a lone CR.
    records.push({ line: recordLine, fields, unclosedQuote: false });
    fields = [];
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    recordLine = line;
    if (i >= n) return records;
  }
}

/**
 * Reads comma-separated text into rows of fields (RFC 4180): a leading byte-order mark is dropped;
 * CRLF, LF and CR end lines; quoted fields may hold commas, doubled quotes and new lines. Blank
 * lines are rows with one empty field; a line end at the very end adds no row. Never throws.
 */
export function parseCsv(text: string): string[][] {
  if (typeof text !== 'string') return [];
  try {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    return readCsvRecords(body, ',').map((record) => record.fields);
  } catch {
    return [];
  }
}

/** The separator of the first line: the most frequent of "," ";" and tab outside quotes ("," on ties). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [delimiter, n] of counts) if (n > counts.get(best)!) best = delimiter;
  return best;
}

// A field needs quotes when it holds a quote, a comma or a line end, or starts with a byte-order
// mark (which a reader would take for the file's own and drop).
const NEEDS_QUOTES = /[",\r\n]|^\uFEFF/;

/** One field as RFC 4180 writes it: quoted (quotes doubled) only when it needs to be. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows as RFC 4180 text: fields separated by commas, every line ended by CRLF. A row of one empty
 * field is written `""` so that it is not read back as nothing; an empty row is an empty line.
 */
export function toCsvLines(rows: readonly (readonly string[])[]): string {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '') lines[r] = '""';
    else {
      const cells = new Array<string>(row.length);
      for (let c = 0; c < row.length; c++) cells[c] = csvField(row[c]!);
      lines[r] = cells.join(',');
    }
  }
  return rows.length ? `${lines.join('\r\n')}\r\n` : '';
}

// What spreadsheets read as the start of a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return)
 * made inert by a leading single quote; other text unchanged.
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
