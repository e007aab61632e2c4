/** One status line on the terminal: rewritten in place on a TTY, a line every 10 s otherwise. */
export class Progress {
  private lastPlainAt = 0;
  private open = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  update(text: string): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${text}`);
      this.open = true;
    } else if (Date.now() - this.lastPlainAt >= 10_000) {
      this.stream.write(`${text}\n`);
      this.lastPlainAt = Date.now();
    }
  }

  /** Ends the status line and prints `text` as a permanent line. */
  log(text: string): void {
    if (this.open) this.stream.write('\r\x1b[2K');
    this.open = false;
    this.stream.write(`${text}\n`);
  }
}

export function formatElapsed(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
