// lib/csv: the RFC 4180 reader every CSV import shares, the writer of the exports, and the guard
// against spreadsheet formulas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, detectDelimiter, neutralizeFormula, parseCsv, readCsvRecords, toCsvLines } from '../lib/csv';

describe('parseCsv', () => {
  it('reads plain rows with any line end, and drops a byte-order mark', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('\uFEFFemail,role\r\nx@acme.com,Admin')).toEqual([['email', 'role'], ['x@acme.com', 'Admin']]);
  });

  it('reads quoted fields holding commas, doubled quotes and new lines of every kind', () => {
    const text = 'reason,ticket\r\n"Audit, Q1","SOW-""7"""\r\n"line one\r\nline two\nline three\rend",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['reason', 'ticket'],
      ['Audit, Q1', 'SOW-"7"'],
      ['line one\r\nline two\nline three\rend', 'x'],
    ]);
  });

  it('keeps empty fields, blank lines and white space', () => {
    expect(parseCsv('a,,c\n,\n\n  x  ,""\n')).toEqual([['a', '', 'c'], ['', ''], [''], ['  x  ', '']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([['']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('is lenient the way spreadsheets are: quotes inside values, text after a closing quote, unclosed quotes', () => {
    expect(parseCsv('5" screen,ok\n')).toEqual([['5" screen', 'ok']]);
    expect(parseCsv('"quoted"tail,x\n')).toEqual([['quotedtail', 'x']]);
    expect(parseCsv('  "padded", b\n')).toEqual([['padded', ' b']]);
    expect(parseCsv('a,"never closed\nb,c\n')).toEqual([['a', 'never closed\nb,c\n']]);
  });

  it('never throws, whatever it is given', () => {
    expect(parseCsv(null as unknown as string)).toEqual([]);
    const csvish = fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', ' ', 'a', '\uFEFF', '\u0000', 'é'), maxLength: 100 });
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
        const rows = parseCsv(text);
        expect(Array.isArray(rows)).toBe(true);
        for (const row of rows) expect(row.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('reads large and hostile inputs in one pass', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [`${i}`, `"quoted ""${i}"", with, commas"`, 'plain']);
    const text = rows.map((r) => r.join(',')).join('\n');
    const parsed = parseCsv(text);
    expect(parsed).toHaveLength(50_000);
    expect(parsed[49_999]).toEqual(['49999', 'quoted "49999", with, commas', 'plain']);
    // Half a million quotes, commas or line ends: quadratic work here would not finish.
    expect(parseCsv('"'.repeat(500_001))).toEqual([['"'.repeat(250_000)]]);
    expect(parseCsv(','.repeat(500_000))[0]).toHaveLength(500_001);
    expect(parseCsv('\n'.repeat(500_000))).toHaveLength(500_000);
  });
});

describe('readCsvRecords', () => {
  it('gives the line where each record starts, counting lines inside quoted values', () => {
    const records = readCsvRecords('a,b\r\n"x\r\ny\nz",1\r\n\r\nlast;one', ',');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'], unclosedQuote: false },
      { line: 2, fields: ['x\r\ny\nz', '1'], unclosedQuote: false },
      { line: 5, fields: [''], unclosedQuote: false },
      { line: 6, fields: ['last;one'], unclosedQuote: false },
    ]);
    expect(readCsvRecords('a;"b\nc', ';')).toEqual([{ line: 1, fields: ['a', 'b\nc'], unclosedQuote: true }]);
    expect(readCsvRecords('a\tb\t"c"\n', '\t')).toEqual([{ line: 1, fields: ['a', 'b', 'c'], unclosedQuote: false }]);
  });

  it('reads exactly what the Bulk invite reader it replaced read', () => {
    const unit = fc.constantFrom(',', ';', '\t', '"', '\n', '\r', ' ', '\u00a0', '\v', 'a', 'é', '\uFEFF', '\u0000');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.constantFrom(',', ';', '\t'), (text, delimiter) => {
        const expected = referenceRecords(text, delimiter);
        const actual = readCsvRecords(text, delimiter);
        // One deliberate difference: a last record that is a lone quoted empty field ("") counts.
        const last = actual[actual.length - 1];
        if (actual.length === expected.length + 1 && last?.fields.length === 1 && last.fields[0] === '') actual.pop();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('detectDelimiter', () => {
  it('takes the most frequent separator of the first line, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('\n\na;b')).toBe(';');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('writing', () => {
  it('quotes a field only when it must, doubling its quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField('\uFEFFmark')).toBe('"\uFEFFmark"');
    expect(csvField('semi;colon\ttab')).toBe('semi;colon\ttab');
  });

  it('ends every line with CRLF', () => {
    expect(toCsvLines([['a', 'b'], ['1', 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(toCsvLines([])).toBe('');
    expect(toCsvLines([[''], ['', '']])).toBe('""\r\n,\r\n');
  });

  it('reads back exactly the rows it wrote', () => {
    const alphabets = [
      fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', ' ', 'a', '\uFEFF', '=', 'é', '😀'), maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ maxLength: 12 }),
    ];
    const rows = fc.array(fc.array(fc.oneof(...alphabets), { minLength: 1, maxLength: 6 }), { maxLength: 8 });
    fc.assert(
      fc.property(rows, (written) => {
        expect(parseCsv(toCsvLines(written))).toEqual(written);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('neutralizeFormula', () => {
  it('prefixes every formula start with a single quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutralizeFormula(`${start}HYPERLINK("http://evil")`)).toBe(`'${start}HYPERLINK("http://evil")`);
    }
    expect(neutralizeFormula('=')).toBe("'=");
  });

  it('leaves other text alone', () => {
    for (const value of ['', 'jane@agency.io', 'Audit = yes', ' =1+1', "'quoted", '2026-11-23', 'Production (analyst)']) {
      expect(neutralizeFormula(value)).toBe(value);
    }
  });
});

/** The reader lib/mixpanel/bulk-csv.ts had before lib/csv.ts, kept verbatim as the reference. */
function referenceRecords(text: string, delimiter: string): { line: number; fields: string[]; unclosedQuote: boolean }[] {
  const records: { line: number; fields: string[]; unclosedQuote: boolean }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let fieldStarted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (unclosedQuote: boolean) => {
    endField();
    records.push({ line: recordLine, fields, unclosedQuote });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted && field.trim() === '') {
      field = '';
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord(false);
      line++;
      recordLine = line;
    } else {
      field += ch;
      if (ch.trim()) fieldStarted = true;
    }
  }
  if (inQuotes || field !== '' || fields.length > 0) endRecord(inQuotes);
  return records;
}
