import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'LOCK';

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data directory ${dataDir} is in use by process ${pid} (${path.join(dataDir, LOCK_FILE)}); stop it or use another --data-dir`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process: a lock file naming our pid. Two emulators appending to
 * one journal would interleave records and corrupt it, so a live holder is refused; a lock left by a
 * process that died (kill -9, power loss) is taken over with a warning. Returns the release function.
 */
export async function acquireLock(dataDir: string, warn: (message: string) => void): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  for (let tries = 0; ; tries += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 0) throw error;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new DataDirLockedError(dataDir, holder);
    warn(`zuora-emulator: taking over the lock of ${dataDir} from process ${Number.isInteger(holder) ? holder : '(unreadable)'}, which is gone`);
    await rm(file, { force: true });
  }
}
