// vtctld's MemoryLogger: commands log events; the HTTP Output joins them, each followed by one `\n`.
// Printf events are verbatim; Info/Warning/Error events are rendered glog-style (reference 4.3).

type Level = 'I' | 'W' | 'E';

export class Logger {
  private readonly events: string[] = [];

  constructor(
    /** Called for every rendered event (schema/apply streams them into the response). */
    private readonly onEvent?: (text: string) => void,
  ) {}

  printf(text: string): void {
    this.push(text);
  }

  info(message: string, source = 'vtctl.go:1954'): void {
    this.push(glog('I', message, source));
  }

  warning(message: string, source = 'vtctl.go:1954'): void {
    this.push(glog('W', message, source));
  }

  error(message: string, source = 'vtctl.go:1954'): void {
    this.push(glog('E', message, source));
  }

  output(): string {
    return this.events.map((e) => `${e}\n`).join('');
  }

  private push(text: string): void {
    this.events.push(text);
    this.onEvent?.(text);
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** logutil.EventString: `<L><MMDD> <hh:mm:ss.uuuuuu> <file>:<line>] <message>` (UTC, as in containers). */
export function glog(level: Level, message: string, source: string, now = new Date()): string {
  const date = `${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const micros = now.getUTCMilliseconds() * 1000 + Math.floor((performance.now() * 1000) % 1000);
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}.${pad(micros, 6)}`;
  return `${level}${date} ${time} ${source}] ${message}`;
}
