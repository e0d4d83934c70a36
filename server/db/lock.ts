// PGlite has no cross-process lock: two processes on one data folder would corrupt it (STACK.md).
// The server takes an exclusive lock file holding its PID; a second start is refused with a clear
// message, and a lock left by a process that no longer exists is taken over.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Anbao process (PID ${pid}). ` +
        `Stop that process first, or start this one with a different DATA_DIR. ` +
        `(数据目录正被另一个安保进程使用，请先停止该进程，或为本进程指定其他 DATA_DIR。)`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'anbao.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dataDir, pid);
      // Stale lock from a process that died (e.g. SIGKILL): take it over.
      if (existsSync(file)) unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
