// olekukonko/tablewriter v0.0.4 as vtctl's printQueryResult drives it (SetAutoFormatHeaders(false),
// defaults otherwise: borders, header line, centered headers, numbers right-aligned, cells wrapped
// at 30 columns). It returns the Write calls the Go code makes, because vtctld turns each Write into
// its own log event, and so its own trailing newline in the /api/vtctl/ Output (reference 4.3).

const MAX_ROW_WIDTH = 30;
const DEFAULT_PENALTY = 1e5;
const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/;

/** go-runewidth, reduced to what matters here: combining marks 0, East Asian wide and emoji 2. */
function runeWidth(cp: number): number {
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f)) return 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += runeWidth(ch.codePointAt(0)!);
  return w;
}

/** WrapWords: minimum raggedness line breaking (tablewriter's wrap.go). */
function wrapWords(words: string[], spc: number, lim: number, pen: number): string[][] {
  const n = words.length;
  const widths = words.map(displayWidth);
  const length = (i: number, j: number) => {
    let l = widths[i]!;
    for (let k = i + 1; k <= j; k++) l += spc + widths[k]!;
    return l;
  };
  const nbrk = new Array<number>(n).fill(0);
  const cost = new Array<number>(n).fill(2 ** 31 - 1);
  for (let i = n - 1; i >= 0; i--) {
    if (length(i, n - 1) <= lim) {
      cost[i] = 0;
      nbrk[i] = n;
      continue;
    }
    let run = widths[i]!; // length(i, j - 1), grown as j advances
    for (let j = i + 1; j < n; j++) {
      const d = lim - run;
      let c = d * d + cost[j]!;
      if (run > lim) c += pen;
      if (c < cost[i]!) {
        cost[i] = c;
        nbrk[i] = j;
      }
      run += spc + widths[j]!;
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = nbrk[i]!) lines.push(words.slice(i, nbrk[i]));
  return lines;
}

/** WrapString: the limit grows to the longest word. */
function wrapString(s: string, limit: number): string[] {
  const words = s.replace(/\n/g, ' ').split(' ');
  let lim = limit;
  for (const w of words) lim = Math.max(lim, displayWidth(w));
  return wrapWords(words, 1, lim, DEFAULT_PENALTY).map((line) => line.join(' '));
}

interface Dimensions {
  widths: number[];
}

/** parseDimension with autoWrap and reflowText on: the cell's lines; grows the column's width. */
function cellLines(text: string, col: number, dims: Dimensions): string[] {
  const raw = text.split('\n');
  let maxWidth = Math.min(Math.max(...raw.map(displayWidth)), MAX_ROW_WIDTH);
  const lines = wrapString(raw.join(' '), maxWidth);
  for (const line of lines) maxWidth = Math.max(maxWidth, displayWidth(line));
  dims.widths[col] = Math.max(dims.widths[col] ?? 0, maxWidth);
  return lines;
}

const padRight = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padLeft = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
function center(s: string, w: number): string {
  const gap = w - displayWidth(s);
  if (gap <= 0) return s;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

/** The Write calls of `table.SetHeader(header); table.Append(row)...; table.Render()`. */
export function renderTableWrites(header: string[], rows: string[][]): string[] {
  const dims: Dimensions = { widths: [] };
  const head = header.map((h, i) => cellLines(h, i, dims));
  const body = rows.map((row) => row.map((cell, i) => cellLines(cell, i, dims)));
  const widths = dims.widths;
  const writes: string[] = [];
  const line = () => {
    writes.push('+');
    for (const w of widths) writes.push(`${'-'.repeat(w + 2)}+`);
    writes.push('\n');
  };

  line();
  const headHeight = Math.max(...head.map((l) => l.length));
  for (let x = 0; x < headHeight; x++) {
    writes.push('|');
    head.forEach((lines, y) => {
      writes.push(` ${center(lines[x] ?? '', widths[y]!)} |`);
    });
    writes.push('\n');
  }
  line();
  for (const cells of body) {
    const height = Math.max(...cells.map((l) => l.length));
    for (let x = 0; x < height; x++) {
      cells.forEach((lines, y) => {
        // Short cells are padded with two spaces per missing line, as printRow does.
        const text = lines[x] ?? '  ';
        writes.push('|', ' ');
        writes.push(DECIMAL.test(text.trim()) ? padLeft(text, widths[y]!) : padRight(text, widths[y]!));
        writes.push(' ');
      });
      writes.push('|', '\n');
    }
  }
  line();
  return writes;
}
