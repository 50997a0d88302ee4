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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new Error(`cannot read state file ${file} (${code ?? String(error)})`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    const { line, column } = position(text, error as Error);
    throw new Error(`state file ${file} is not valid JSON at line ${line}, column ${column}: ${(error as Error).message}; fix the file or move it away to start empty`);
  }
}

function position(text: string, error: Error): { line: number; column: number } {
  const at = /at position (\d+)/.exec(error.message);
  const offset = at ? Number(at[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Takes the folder for this process: a second process on the same folder would silently overwrite
 * the first one's writes. A lock left by a process that is gone (or by this very pid, as a restarted
 * container has) is taken over. Returns the function that gives the folder back.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const absolute = path.resolve(dir);
  const file = path.join(absolute, 'lock');
  for (let attempt = 0; ; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw new Error(`cannot lock data directory ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (isRunning(holder)) throw new Error(`data directory ${dir} is in use by process ${holder}; stop it or give another --data-dir`);
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
