export class SplitError extends Error {}

/**
 * Splits a command line the way a POSIX shell would for plain words: whitespace separates,
 * single quotes keep everything literally, double quotes keep spaces and honour `\"` and `\\`,
 * and a backslash outside quotes escapes the next character. No variables, globs or pipes:
 * the words go to vtctl as they are.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new SplitError('unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i] as string;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) throw new SplitError('unterminated double quote');
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new SplitError('trailing backslash');
      const next = line[i + 1] as string;
      // backslash-newline continues the line, as in a shell
      if (next !== '\n') word += next;
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
