/** What a CLI command may touch: injected so commands are testable in-process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** The whole of standard input, as UTF-8. */
  readStdin(): Promise<string>;
}

export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};
