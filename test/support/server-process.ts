import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testAdminKey } from './stores.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** SIGKILL: no shutdown hooks, no flush — a crash. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** A real `qrpay serve` in its own process, on a free 127.0.0.1 port. */
export async function startServerProcess(options: { dataDir: string; dbUrl?: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const args = ['bin/qrpay.mjs', 'serve', '--port', '0', '--no-demo', '--quiet', '--data', options.dataDir];
  if (options.dbUrl) args.push('--db', options.dbUrl);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, QRPAY_ADMIN_KEY: testAdminKey, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`qrpay serve did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API\s+(http:\/\/[^\s/]+)\/v1/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`qrpay serve exited with ${code}: ${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
