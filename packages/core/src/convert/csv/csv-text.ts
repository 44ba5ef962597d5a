import { ConvertError } from '../errors.ts';

/**
 * CSV text (RFC 4180): quoted fields with `""` escapes and line breaks inside, CRLF or LF,
 * a leading BOM; and the spreadsheet formula-injection guard for export.
 */

/** A parsed record and the 1-based line it starts on. */
export type CsvRecord = { cells: string[]; line: number };

/** A quoted field starting at `at` (the opening quote): its text and where it ends. */
function readQuoted(
  s: string,
  at: number,
  line: number,
  source: string,
  delimiter: string,
): { cell: string; end: number; line: number } {
  let cell = '';
  let i = at + 1;
  let ln = line;
  for (; ; i++) {
    if (i >= s.length) throw new ConvertError({ source, line }, 'a quoted field is never closed');
    if (s[i] === '"' && s[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (s[i] === '"') break;
    else {
      if (s[i] === '\n') ln++;
      cell += s[i];
    }
  }
  const next = s[i + 1];
  if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
    throw new ConvertError(
      { source, line: ln },
      `unexpected ${JSON.stringify(next)} after a closing quote`,
    );
  }
  return { cell, end: i, line: ln };
}

/**
 * Splits CSV text into records (blank lines skipped). An unterminated quote or text after a
 * closing quote is an error naming the line.
 *
 * @example
 * parseCsvRecords('a,b\n"x, ""y""",z\n'); // [{ cells: ['a', 'b'], line: 1 }, { cells: ['x, "y"', 'z'], line: 2 }]
 */
export function parseCsvRecords(text: string, source = 'CSV', delimiter = ','): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false; // the current cell was quoted (so it exists even when empty)
  let line = 1;
  let start = 1;
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    quoted = false;
  };
  const endRecord = (): void => {
    const blank = cells.length === 0 && cell === '' && !quoted;
    endCell();
    if (!blank) records.push({ cells, line: start });
    cells = [];
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' && cell === '' && !quoted) {
      const q = readQuoted(s, i, line, source, delimiter);
      cell = q.cell;
      quoted = true;
      i = q.end;
      line = q.line;
    } else if (c === delimiter) endCell();
    else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && s[i + 1] === '\n') i++;
      line++;
      start = line;
    } else cell += c;
    i++;
  }
  if (cell !== '' || quoted || cells.length) endRecord();
  return records;
}

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * One CSV line (with its line break), quoting cells that need it.
 *
 * @example
 * csvLine(['a', 'b,c', 'say "hi"']); // 'a,"b,c","say ""hi"""\r\n'
 */
export function csvLine(cells: readonly string[], delimiter = ','): string {
  return cells.map((c) => quote(c, delimiter)).join(delimiter) + '\r\n';
}

const DANGEROUS = /^[=+\-@\t\r]/;

function needsGuard(s: string): boolean {
  return DANGEROUS.test(s.replace(/^'+/, ''));
}

/**
 * Guards a cell against formula injection: a cell that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, TAB or CR) gets a leading apostrophe. Cells that already
 * start with apostrophes before such a character get one more, so `unguardCell` can undo it
 * exactly.
 *
 * @example
 * guardCell('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * guardCell('-5'); // "'-5"
 */
export function guardCell(s: string): string {
  return needsGuard(s) ? `'${s}` : s;
}

/**
 * Undoes `guardCell` (on import).
 *
 * @example
 * unguardCell("'=1+1"); // '=1+1'
 * unguardCell("'quoted"); // "'quoted" (not guarded, kept)
 */
export function unguardCell(s: string): string {
  return s.startsWith("'") && needsGuard(s.slice(1)) ? s.slice(1) : s;
}
