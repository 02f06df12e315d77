/**
 * Checkpoints the embedded store's WAL on a worker thread with its own connection, so the writer
 * never does. SQLite's automatic checkpoint runs inside a COMMIT every 1000 pages; measured, it
 * made ~6% of commits take 5–11 ms instead of ~1.5 ms, about 10% of the main thread's time. With
 * `wal_autocheckpoint = 0` on the writer, this worker copies the pages and fsyncs instead: a
 * PASSIVE checkpoint every few commits, which never blocks the writer.
 *
 * Bounding the WAL: the writer starts the WAL over from the beginning only once a checkpoint has
 * copied all of it, and under sustained load a PASSIVE checkpoint may never catch up, so the WAL
 * file would grow without end. When a checkpoint reports more than `restartFrames` frames in the
 * WAL, a RESTART follows at once: it waits briefly for the writer (and the writer for it, while
 * the few frames left are copied), then the next commit writes the WAL from its start again.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** Tells the checkpointer a commit happened (cheap; call after every commit). */
  committed(): void;
  /** Stops the worker after any checkpoint in progress and closes its connection; never rejects. */
  close(): Promise<void>;
  /** For tests and diagnostics. */
  stats(): CheckpointerStats;
}

export interface CheckpointerStats {
  /** Checkpoints run, by mode, busy or not. */
  passive: number;
  restart: number;
  /** Checkpoints that reported busy (a RESTART the writer or a reader held off), and that failed. */
  busy: number;
  errors: number;
  /** Frames in the WAL and frames copied to the database, as the last checkpoint reported. */
  lastLogFrames: number;
  lastCheckpointed: number;
  /** False once the worker has exited, closed or crashed. */
  running: boolean;
}

export interface CheckpointerOptions {
  /** Commits between checkpoints. */
  everyCommits?: number;
  /** WAL frames (pages) above which the next checkpoint is a RESTART; 8192 × 4 KiB ≈ 32 MiB. */
  restartFrames?: number;
  log?: { warn(obj: object, msg: string): void };
}

type Mode = 'PASSIVE' | 'RESTART';
type Reply = { mode: Mode; busy: number; log: number; checkpointed: number } | { mode: Mode; error: string };

// Plain JavaScript, run without the parent's flags (execArgv: []): a worker does not inherit the
// tsx loader reliably, and needs none for this.
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.dbPath, { fileMustExist: true });
db.pragma('busy_timeout = 5');
// a checkpoint syncs the WAL before copying it into the database, and the database after
db.pragma('synchronous = FULL');
parentPort.on('message', (mode) => {
  if (mode === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const row = db.pragma('wal_checkpoint(' + mode + ')')[0];
    parentPort.postMessage({ mode, busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ mode, error: String((error && error.code) || 'unknown') });
  }
});
`;

/** Starts a checkpointer on an existing SQLite file in WAL mode (not ':memory:'). */
export function startCheckpointer(dbPath: string, options: CheckpointerOptions = {}): Checkpointer {
  const everyCommits = options.everyCommits ?? 16;
  const restartFrames = options.restartFrames ?? 8192;
  const log = options.log ?? { warn: () => {} };
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerCode, { eval: true, workerData: { dbPath, modulePath }, execArgv: [] });

  const counts: CheckpointerStats = {
    passive: 0,
    restart: 0,
    busy: 0,
    errors: 0,
    lastLogFrames: 0,
    lastCheckpointed: 0,
    running: true,
  };
  let commits = 0;
  let inFlight = false;
  let restartDue = false;
  let closing: Promise<void> | null = null;

  const send = (mode: Mode) => {
    inFlight = true;
    commits = 0;
    worker.postMessage(mode);
  };

  worker.on('message', (reply: Reply) => {
    inFlight = false;
    if (reply.mode === 'PASSIVE') counts.passive += 1;
    else counts.restart += 1;
    if ('error' in reply) {
      counts.errors += 1;
      log.warn({ code: reply.error, mode: reply.mode }, 'WAL checkpoint failed; retrying on a later commit');
      return;
    }
    counts.lastLogFrames = reply.log;
    counts.lastCheckpointed = reply.checkpointed;
    if (reply.busy) counts.busy += 1;
    const restarted = reply.mode === 'RESTART' && !reply.busy;
    restartDue = reply.log > restartFrames && !restarted;
    // The RESTART follows the PASSIVE that saw a long WAL at once: that one copied most of it, so
    // the writer waits for few frames. A busy RESTART (the writer or a reader held on) is retried
    // on the next trigger, not sooner: while it waits for readers, it holds up the writer.
    if (restartDue && reply.mode === 'PASSIVE' && !closing) send('RESTART');
  });
  worker.on('error', (error) => {
    log.warn({ err: error }, 'WAL checkpointer stopped; the WAL grows until the process restarts');
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      counts.running = false;
      inFlight = false;
      resolve();
    });
  });
  // An idle checkpointer must not keep the process alive. After the listeners: adding a
  // 'message' listener refs the worker again.
  worker.unref();

  return {
    committed() {
      commits += 1;
      if (commits >= everyCommits && !inFlight && counts.running && !closing) {
        send(restartDue ? 'RESTART' : 'PASSIVE');
      }
    },
    close() {
      if (!closing) {
        if (counts.running) {
          worker.ref(); // keep the process alive until the worker has closed its connection
          worker.postMessage('close');
        }
        closing = exited;
      }
      return closing;
    },
    stats: () => ({ ...counts }),
  };
}
