/** Renders an argument list as a shell line that `splitCommandLine` would split back the same way. */
export function quoteArgs(args: string[]): string {
  return args.map((a) => (a === '' || /[\s'"\\]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
}
