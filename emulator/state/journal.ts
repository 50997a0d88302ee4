import { constants } from 'node:fs';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { SetOp } from './document.js';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The journal file is opened with O_DSYNC: a write returns once its bytes (and what is needed to read
 * them back) are on the disk, so a round costs one trip to the thread pool, not a write and then an
 * fdatasync. Where the platform has no O_DSYNC (Windows), each write is followed by an fdatasync
 * instead. Rounds are written at their offset rather than appended: see ROOM_BYTES.
 */
const HAS_DSYNC = constants.O_DSYNC !== undefined;
const WRITE_DURABLY = constants.O_WRONLY | constants.O_CREAT | (HAS_DSYNC ? constants.O_DSYNC : 0);

/**
 * Zeros the journal keeps written after its records, for its next rounds to go into. A durable write
 * that makes the file longer must also put the file's new length on the disk (a second flush, of the
 * file system's own journal); one into bytes already written need not. The room is added with the
 * round that finds none left, in the same write. Measured on ext4: 8 KiB rounds one at a time took
 * 0.10 ms each into room against 0.22 ms appended; `clock.advance` of a year at 1,000 subscriptions
 * on a data directory (a durable write per job) 10.0 s against 10.8-11.3 s; the first thousand
 * sign-ups at 10 connections +3% (10 alternated pairs). No record holds a zero byte (JSON text,
 * framed), so on open whatever is not zero after the last good record is a torn write.
 */
const ROOM_BYTES = 1024 * 1024;

/**
 * How long a record nobody waits for (`append`'s `soon`) may wait for a write it can share (wall
 * time). Not just the end of the turn: a callout's attempt record is made while the next callout is
 * handed over a turn or two later, and the next group of an advance's jobs commits once the group's
 * callouts are answered; each record written alone was a disk flush of its own (one per callout,
 * twice an advance's flushes with the bundled sync engine connected).
 */
const SOON_WAIT_MS = 5;

/** How bytes reach the disk, at `position` in the file; replaced in tests to inject a full disk or an I/O error. Durable once `write` resolves. */
export interface JournalIo {
  write(handle: FileHandle, chunk: Buffer, position: number): Promise<void>;
}

export const DISK_IO: JournalIo = {
  write: async (handle, chunk, position) => {
    // A write may put down fewer bytes than asked (a signal, a nearly full disk): go on from there.
    for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset, chunk.length - offset, position + offset)).bytesWritten;
    if (!HAS_DSYNC) await handle.datasync();
  },
};

/** The journal could not make a commit durable; the store undoes it in memory. */
export class JournalWriteError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the journal write failed: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`);
  }
}

export interface OpenedJournal {
  journal: Journal;
  /** Committed op batches, in commit order. */
  batches: SetOp[][];
  /** Bytes of a torn last record cut off the file (0 when the file ended cleanly, room aside). */
  tornBytes: number;
}

/**
 * Append-only log of committed op batches, one framed record per commit: `#<crc32> <json>\n`, then
 * the zeros of its room (ROOM_BYTES). A record whose checksum or newline is missing at the end of the
 * file is a write that was never acknowledged (a crash or a full disk tore it); it is cut off on
 * open, never appended to.
 *
 * Group commit: while one durable write is in flight, new commits queue up and all of them share the
 * next one, so durability costs one disk flush per batch rather than one per request. A commit nobody
 * waits for (`append`'s `soon`) does not start a write of its own at once: it rides with the next one,
 * which `flushed` can ask for. A write that
 * fails (ENOSPC, EIO) cuts the file back to its last good record and rejects the commits
 * of that round; the store then rolls them back in memory.
 */
export class Journal {
  /** The JSON text of each queued record ('' for none: what `flushed` queues). */
  private queuedRecords: string[] = [];
  private queuedWaiters: Waiter[] = [];
  private loop: Promise<void> | null = null;
  /** The start of a write put off for records nobody waits for (see `append`'s `soon`). */
  private deferred: NodeJS.Timeout | null = null;
  /** Set by a failed write: commits are refused until the store has rolled memory back and called `resume`. */
  private failure: JournalWriteError | null = null;
  /** Durable write rounds so far; fewer than commits whenever group commit kicked in. */
  flushes = 0;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
    /** Bytes of good records in the file: where the next round is written. */
    public bytes: number,
    /** Bytes the file holds: its records, then the zeros of its room. */
    private fileBytes: number,
    private readonly io: JournalIo,
    private readonly afterFlush: () => Promise<void>,
  ) {}

  /** Opens (or creates) the journal, cuts a torn last record, and returns the batches it holds. */
  static async open(file: string, afterFlush: () => Promise<void>, io: JournalIo = DISK_IO): Promise<OpenedJournal> {
    const { batches, goodBytes, fileBytes, tornBytes } = await Journal.read(file);
    const handle = await open(file, WRITE_DURABLY);
    // A torn record goes, and the room with it: room is zeros the next write can trust.
    if (fileBytes > goodBytes) {
      await handle.truncate(goodBytes);
      await handle.sync();
    }
    return { journal: new Journal(file, handle, goodBytes, goodBytes, io, afterFlush), batches, tornBytes };
  }

  /** The batches a journal file holds (none when it does not exist), without opening it for writing. */
  static async read(file: string): Promise<{ batches: SetOp[][]; goodBytes: number; fileBytes: number; tornBytes: number }> {
    const data = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const { batches, goodBytes } = parseJournal(data, file);
    return { batches, goodBytes, fileBytes: data.length, tornBytes: nonZeroBytes(data.subarray(goodBytes)) };
  }

  /**
   * One commit's record as text; taken by the caller at commit time, so the record is what memory
   * held then. It is framed and encoded with the rest of its round when written (`encodeRound`).
   */
  static record(ops: readonly SetOp[]): string {
    return JSON.stringify(ops);
  }

  /** The bytes one commit's record takes in the file, framed as the journal writes it. */
  static frame(ops: readonly SetOp[]): Buffer {
    return encodeRound([Journal.record(ops)]);
  }

  /**
   * Resolves once the record is on disk; rejects with JournalWriteError when it cannot be.
   * `soon`: nobody waits for this record, so the write does not start at once but with the next
   * commit that is waited for, or SOON_WAIT_MS later, whichever comes first: a commit that need not
   * wait costs no flush of its own.
   */
  append(record: string, soon = false): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queuedRecords.push(record);
      this.queuedWaiters.push({ resolve, reject });
      if (this.loop) return;
      if (!soon) this.startDrain();
      else this.deferred ??= setTimeout(() => this.startDrain(), SOON_WAIT_MS);
    });
  }

  /**
   * Resolves once every record appended so far is on disk; rejects with JournalWriteError when one
   * of them could not be written. Records are written in order, so this is one empty record more.
   */
  flushed(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return this.loop || this.queuedRecords.length > 0 ? this.append('') : Promise.resolve();
  }

  /** Waits until every queued batch is durable (or failed). */
  async settle(): Promise<void> {
    if (this.deferred) this.startDrain();
    while (this.loop) await this.loop;
  }

  /** Takes commits again once the store has put memory back in line with the file. */
  resume(): void {
    this.failure = null;
  }

  /** Empties the journal; only called once its content is in the snapshot. */
  async truncate(): Promise<void> {
    await this.handle.truncate(0);
    this.bytes = 0;
    this.fileBytes = 0;
  }

  /**
   * Moves the records so far to `segment` and goes on in an empty file, so a snapshot can be written
   * while commits go on. Only called between writes (from `afterFlush`).
   */
  async rotate(segment: string): Promise<void> {
    await this.handle.close();
    await rename(this.file, segment);
    this.handle = await open(this.file, WRITE_DURABLY);
    this.bytes = 0;
    this.fileBytes = 0;
  }

  async close(): Promise<void> {
    await this.settle();
    await this.handle.close();
  }

  private startDrain(): void {
    if (this.deferred) clearTimeout(this.deferred);
    this.deferred = null;
    this.loop ??= this.drain().finally(() => {
      this.loop = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.queuedRecords.length > 0) {
      const chunk = encodeRound(this.queuedRecords);
      const waiters = this.queuedWaiters;
      this.queuedRecords = [];
      this.queuedWaiters = [];
      try {
        if (chunk.length > 0) await this.writeRound(chunk);
      } catch (error) {
        // What reached the file may be half a record: cut back to the last good one, so the next
        // write starts clean (if even that fails, the next start cuts the torn tail).
        await this.handle.truncate(this.bytes).catch(() => undefined);
        this.fileBytes = this.bytes;
        // Commits queued behind the failed ones saw their changes in memory: they fail with them.
        this.failure = new JournalWriteError(error);
        for (const waiter of [...waiters, ...this.queuedWaiters]) waiter.reject(this.failure);
        this.queuedRecords = [];
        this.queuedWaiters = [];
        return;
      }
      this.bytes += chunk.length;
      if (chunk.length > 0) this.flushes += 1;
      for (const waiter of waiters) waiter.resolve();
      await this.afterFlush();
    }
  }

  /** A round's bytes at the end of the records: into the room, or with new room after them when too little is left. */
  private async writeRound(chunk: Buffer): Promise<void> {
    const end = this.bytes + chunk.length;
    if (end <= this.fileBytes) return this.io.write(this.handle, chunk, this.bytes);
    // Made for the write, not kept: zeros held for the next time would be a mebibyte resident for good.
    const withRoom = Buffer.alloc(chunk.length + ROOM_BYTES);
    chunk.copy(withRoom);
    await this.io.write(this.handle, withRoom, this.bytes);
    this.fileBytes = end + ROOM_BYTES;
  }
}

/** How many bytes of `data` are not zero. */
function nonZeroBytes(data: Buffer): number {
  let count = 0;
  for (let index = 0; index < data.length; index += 1) if (data[index] !== 0) count += 1;
  return count;
}

/**
 * The batches of a journal and the length of its good prefix. A bad record at the very end is a torn
 * write; so is one holding a zero byte, whatever follows it: no record holds one, so it is a write
 * into the room that did not all reach the disk (after a power cut, the disk may have kept a later
 * part of the write and not an earlier one). Any other bad record with good ones after it is
 * corruption, which is refused rather than guessed at. Lines starting with `[` are records of the
 * unframed format older data directories hold.
 */
function parseJournal(data: Buffer, file: string): { batches: SetOp[][]; goodBytes: number } {
  const batches: SetOp[][] = [];
  let offset = 0;
  while (offset < data.length) {
    const end = data.indexOf(NEWLINE, offset);
    const batch = end === -1 ? undefined : parseRecord(data.subarray(offset, end));
    if (!batch) {
      if (end !== -1 && !data.subarray(offset, end).includes(0) && anyRecordIn(data.subarray(end + 1))) {
        throw new Error(`${file}: the journal record at byte ${offset} is damaged and later records follow it; refusing to guess`);
      }
      return { batches, goodBytes: offset };
    }
    batches.push(batch);
    offset = end + 1;
  }
  return { batches, goodBytes: offset };
}

const NEWLINE = 0x0a;
const HASH = 0x23;
const SPACE = 0x20;
const OPEN_BRACKET = 0x5b;

/**
 * A round of records as the bytes of one write, each framed `#<crc32> <json>\n` (an empty text
 * takes none). Encoded into one buffer per write, straight from the texts: a buffer per record,
 * copied once more into the round's, cost an allocation and a copy per commit. The checksum is
 * taken over the bytes written.
 */
function encodeRound(records: readonly string[]): Buffer {
  let size = 0;
  for (const record of records) if (record) size += Buffer.byteLength(record) + 11;
  const chunk = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const record of records) {
    if (!record) continue;
    const end = offset + 10 + chunk.write(record, offset + 10);
    chunk.write(`#${crc32(chunk.subarray(offset + 10, end)).toString(16).padStart(8, '0')} `, offset, 'latin1');
    chunk[end] = NEWLINE;
    offset = end + 1;
  }
  return chunk;
}

/** Whether some line of `data` is a good record (the last one needs no newline here). */
function anyRecordIn(data: Buffer): boolean {
  for (let offset = 0; offset < data.length; ) {
    const end = data.indexOf(NEWLINE, offset);
    const stop = end === -1 ? data.length : end;
    if (parseRecord(data.subarray(offset, stop))) return true;
    offset = stop + 1;
  }
  return false;
}

/** One line's batch, or undefined when it is not a whole record. The checksum is taken over the bytes as read. */
function parseRecord(line: Buffer): SetOp[] | undefined {
  try {
    if (line[0] === OPEN_BRACKET) return JSON.parse(line.toString('utf8')) as SetOp[];
    if (line[0] !== HASH || line[9] !== SPACE) return undefined;
    const json = line.subarray(10);
    if (json.length === 0 || line.toString('latin1', 1, 9) !== crc32(json).toString(16).padStart(8, '0')) return undefined;
    return JSON.parse(json.toString('utf8')) as SetOp[];
  } catch {
    return undefined;
  }
}
