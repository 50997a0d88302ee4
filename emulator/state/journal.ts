import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { SetOp } from './document.js';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Append-only log of committed op batches, one JSON line per commit.
 *
 * Group commit: while one write+fsync is in flight, new commits queue up and all of them share the
 * next write+fsync, so durability costs one fsync per batch rather than one per request.
 */
export class Journal {
  private queuedLines: string[] = [];
  private queuedWaiters: Waiter[] = [];
  private loop: Promise<void> | null = null;
  /** Write+fsync rounds so far; fewer than commits whenever group commit kicked in. */
  flushes = 0;

  private constructor(
    private readonly file: string,
    private handle: FileHandle,
    /** Bytes in the journal since the last compaction. */
    public bytes: number,
    private readonly afterFlush: () => Promise<void>,
  ) {}

  /** Opens (or creates) the journal and returns the batches it already holds, in commit order. */
  static async open(file: string, afterFlush: () => Promise<void>): Promise<{ journal: Journal; batches: SetOp[][] }> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const batches = parseJournal(text, file);
    const handle = await open(file, 'a');
    return { journal: new Journal(file, handle, Buffer.byteLength(text), afterFlush), batches };
  }

  /** Resolves once the batch is on disk. */
  append(ops: readonly SetOp[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queuedLines.push(JSON.stringify(ops) + '\n');
      this.queuedWaiters.push({ resolve, reject });
      this.loop ??= this.drain().finally(() => {
        this.loop = null;
      });
    });
  }

  /** Waits until every queued batch is durable. */
  async settle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** Empties the journal; only called once its content is in the snapshot. */
  async truncate(): Promise<void> {
    await this.handle.close();
    this.handle = await open(this.file, 'w');
    this.bytes = 0;
  }

  async close(): Promise<void> {
    await this.settle();
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    while (this.queuedLines.length > 0) {
      const chunk = this.queuedLines.join('');
      const waiters = this.queuedWaiters;
      this.queuedLines = [];
      this.queuedWaiters = [];
      try {
        await this.handle.write(chunk);
        await this.handle.datasync();
        this.bytes += Buffer.byteLength(chunk);
        this.flushes += 1;
        for (const waiter of waiters) waiter.resolve();
        await this.afterFlush();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
  }
}

function parseJournal(text: string, file: string): SetOp[][] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const batches: SetOp[][] = [];
  lines.forEach((line, index) => {
    try {
      batches.push(JSON.parse(line) as SetOp[]);
    } catch (error) {
      // A torn final line is a write that was never acknowledged; anything earlier is corruption.
      if (index === lines.length - 1 && !text.endsWith('\n')) return;
      throw new Error(`${file}: journal line ${index + 1} is not valid JSON`, { cause: error });
    }
  });
  return batches;
}
