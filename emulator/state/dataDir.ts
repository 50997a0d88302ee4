import { constants } from 'node:fs';
import { access, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

// The data directory is checked before anything is read from it or written to it, so a mistake
// (a file, a read-only place, a corrupt state file, a second process) is one clear sentence at
// start rather than a stack trace or lost writes later.

/** Creates the folder if needed (one level at a time: a recursive mkdir spins forever under /proc) and checks it is a writable folder. */
export async function prepareDataDir(dir: string): Promise<void> {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    const info = await stat(existing).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new Error(`data directory ${dir}: cannot look at ${existing} (${error.code ?? error.message})`);
    });
    if (info) {
      if (!info.isDirectory()) {
        throw new Error(existing === absolute ? `data directory ${dir} is a file, not a folder; give --data-dir a folder` : `data directory ${dir}: ${existing} is a file, not a folder`);
      }
      break;
    }
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return;
      throw new Error(`cannot create data directory ${dir} (${error.code ?? error.message}); give --data-dir a folder you can write to`);
    });
  }
  await access(absolute, constants.R_OK | constants.W_OK | constants.X_OK).catch(() => {
    throw new Error(`data directory ${dir} is not readable and writable by this user; give --data-dir a folder you can write to`);
  });
}

/** Checks that a JSON state file, if there is one, can be read and parsed; the error names the file and the line. */
export async function checkJsonFile(file: string): Promise<void> {
  await readJsonFile(file);
}

/** A JSON state file, read and parsed in one pass; undefined when there is none. The error names the file and the line. */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new Error(`cannot read state file ${file} (${code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    const { line, column } = lineAndColumn(text, firstJsonError(text));
    throw new Error(`state file ${file} is not valid JSON at line ${line}, column ${column}; fix the file or move it away to start empty`);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by process ${pid}; stop it or give another --data-dir`);
  }
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * Offset of the first character that breaks JSON's grammar (the end, for a cut-off file). Only
 * called once JSON.parse has failed: its messages do not always say where.
 */
function firstJsonError(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw new RangeError(String(at));
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const string = () => {
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail();
      at += text[at] === '\\' ? 2 : 1;
    }
    if (at >= text.length) fail();
    at += 1;
  };
  const members = (close: string, member: () => void) => {
    at += 1;
    space();
    if (text[at] === close) {
      at += 1;
      return;
    }
    for (;;) {
      member();
      space();
      if (text[at] === ',') at += 1;
      else if (text[at] === close) {
        at += 1;
        return;
      } else fail();
    }
  };
  const value = (): void => {
    space();
    if (text[at] === '{') {
      members('}', () => {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at += 1;
        value();
      });
    } else if (text[at] === '[') members(']', value);
    else if (text[at] === '"') string();
    else {
      LITERAL.lastIndex = at;
      if (!LITERAL.test(text)) fail();
      at = LITERAL.lastIndex;
    }
  };
  try {
    value();
    space();
    return at < text.length ? at : text.length;
  } catch (error) {
    if (error instanceof RangeError) return Number(error.message);
    throw error;
  }
}

/**
 * Takes the folder for this process: a lock file naming our pid, since a second process appending to
 * the same journal would interleave and corrupt its records. A lock left by a process that is gone
 * (kill -9, power loss, or this very pid, as a restarted container has) is taken over with a warning.
 * Returns the function that gives the folder back.
 */
export async function lockDataDir(dir: string, warn: (message: string) => void): Promise<() => Promise<void>> {
  const absolute = path.resolve(dir);
  const file = path.join(absolute, 'lock');
  for (let attempt = 0; ; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw new Error(`cannot lock data directory ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (isRunning(holder)) throw new DataDirLockedError(dir, holder);
      warn(`zuora-emulator: taking over the lock of ${dir} from process ${holder || '(unreadable)'}, which is gone`);
      await unlink(file).catch(() => undefined);
    }
  }
  return () => unlink(file).catch(() => undefined);
}

/** Whether another live process has this pid (our own pid in a lock file is a leftover, e.g. from a restarted container). */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
