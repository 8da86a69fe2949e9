import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { Logger } from '../domain/ports';

/** SQLite's own default, put back when the thread cannot do the work. */
const AUTOMATIC_EVERY_PAGES = 1000;

/** How often the thread copies the write-ahead log into the database file. */
export const CHECKPOINT_EVERY_MS = 250;

/** A thread that has not opened the database by then is given up, and the bot checkpoints for itself. */
const READY_WITHIN_MS = 10_000;

/** A failing checkpoint is logged at most this often, not on every tick. */
const REPORT_FAILURE_EVERY_MS = 60_000;

/**
 * The worker's whole program. Plain JavaScript evaluated by `Worker`, so that the same text runs from
 * the built bot and from the tests (which never write `.js` files); it uses only what `workerData`
 * names. A PASSIVE checkpoint takes no lock that a reader or writer waits for.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpointed', pages: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', message: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpoints {
  /** Pages copied into the database file since the start, for tests and diagnostics. */
  readonly pagesCheckpointed: () => number;
  /** Ends the thread after a last checkpoint, and gives the work back to the bot's own connection. */
  stop(): Promise<void>;
}

export interface WalCheckpointOptions {
  readonly everyMs?: number;
  /** Where better-sqlite3 is loaded from in the thread; tests give a wrong one to see the fallback. */
  readonly driver?: string;
}

/**
 * Moves SQLite's checkpoints off the event loop. In WAL mode the connection that commits the
 * 1000th page copies the log into the database file and syncs both, inside that commit: on a busy
 * bot that was about half of every turn's writing time, and the slowest turns waited for it. Here the
 * bot's connection stops checkpointing and a worker thread with its own connection does it every
 * quarter second. Durability is unchanged: with `synchronous = NORMAL` a commit is on disk at the
 * next checkpoint either way, and a killed process loses nothing that was committed.
 *
 * If the thread cannot start or dies, the bot's connection checkpoints for itself again, so the log
 * never grows without bound.
 */
export async function startWalCheckpoints(dataSource: DataSource, file: string, logger: Logger, options: WalCheckpointOptions = {}): Promise<WalCheckpoints> {
  const automatic = async (pages: number) => {
    if (dataSource.isInitialized) await dataSource.query(`PRAGMA wal_autocheckpoint = ${pages}`);
  };
  let pages = 0;
  let stopping = false;
  let lastReported = -Infinity;
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { driver: options.driver ?? require.resolve('better-sqlite3'), file, everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS },
  });
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<boolean>((resolve) => {
    readyTimer = setTimeout(() => {
      logger.warn({}, 'the database checkpoint thread did not start; the bot checkpoints for itself');
      void worker.terminate();
      resolve(false);
    }, READY_WITHIN_MS);
    worker.on('message', (message: { kind: string; pages?: number; message?: string }) => {
      if (message.kind === 'ready') resolve(true);
      if (message.kind === 'checkpointed') pages += message.pages ?? 0;
      if (message.kind === 'failed' && Date.now() - lastReported >= REPORT_FAILURE_EVERY_MS) {
        lastReported = Date.now();
        logger.warn({ err: { message: message.message } }, 'the database checkpoint thread could not checkpoint; it tries again');
      }
    });
    worker.once('error', (error) => {
      logger.warn({ err: { message: error.message } }, 'the database checkpoint thread stopped; the bot checkpoints for itself');
      resolve(false);
      void automatic(AUTOMATIC_EVERY_PAGES).catch(() => undefined);
    });
    worker.once('exit', () => resolve(false));
  });

  // A process that ends must not wait for the thread's timer. After the listeners: adding one refs it again.
  worker.unref();
  const started = await ready;
  clearTimeout(readyTimer);
  if (started) {
    try {
      await automatic(0);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    logger.info({ everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS }, 'database checkpoints now run on a thread of their own');
    worker.once('exit', () => {
      if (!stopping) void automatic(AUTOMATIC_EVERY_PAGES).catch(() => undefined);
    });
  }

  return {
    pagesCheckpointed: () => pages,
    stop: async () => {
      if (stopping) return ended;
      stopping = true;
      await automatic(AUTOMATIC_EVERY_PAGES);
      // Waited for: the process must not end before the last checkpoint has closed the thread's connection.
      worker.ref();
      worker.postMessage('stop');
      await ended;
    },
  };
}

/** How often a bot not yet busy looks at the size of its write-ahead log. */
export const LOOK_AT_LOG_EVERY_MS = 1_000;

/** SQLite's page and frame header: the log holds this many bytes for each page written. */
const FRAME_BYTES = 4096 + 24;

export interface CheckpointsOnceBusy {
  /** True once the thread took the checkpoints over. */
  readonly started: () => boolean;
  stop(): Promise<void>;
}

/**
 * The thread costs about 0.1 s of CPU to start, which a bot that writes little (a pilot office at
 * night, every test) never earns back. So the bot's connection checkpoints for itself until its log
 * first reaches the size at which SQLite checkpoints by itself, and from then on the thread does.
 * A log already that size when the bot starts (after a crash) hands over at the first look.
 */
export function walCheckpointsOnceBusy(dataSource: DataSource, file: string, logger: Logger, options: WalCheckpointOptions & { readonly lookEveryMs?: number } = {}): CheckpointsOnceBusy {
  let running: Promise<WalCheckpoints | null> | null = null;
  let looking = false;
  let stopped = false;
  const look = async () => {
    if (running || looking || stopped) return;
    looking = true;
    try {
      const { size } = await stat(`${file}-wal`);
      if (size >= AUTOMATIC_EVERY_PAGES * FRAME_BYTES && !running && !stopped && dataSource.isInitialized) {
        clearInterval(timer);
        running = startWalCheckpoints(dataSource, file, logger, options).catch((error: unknown) => {
          // The database closed while the thread was starting: the bot keeps checkpointing for itself.
          logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'the database checkpoint thread could not take over');
          return null;
        });
      }
    } catch {
      // No log yet (nothing written since the last close): look again later.
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => void look(), options.lookEveryMs ?? LOOK_AT_LOG_EVERY_MS);
  timer.unref();
  return {
    started: () => running !== null,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await (await running)?.stop();
    },
  };
}
