import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The temporary files and folders a build has open, so an interrupted build can remove them on
 * its way out. A build killed outright cannot; the next build sweeps what it left (sweepStale).
 */
export class Temporaries {
  private readonly paths = new Set<string>();
  private readonly stoppers = new Set<() => Promise<void>>();
  private stopping = false;

  /** Records a path before it is made; refused once the build is stopping, so nothing new appears. */
  add(path: string): string {
    if (this.stopping) throw new Error('the build is stopping');
    this.paths.add(path);
    return path;
  }

  delete(path: string): void {
    this.paths.delete(path);
  }

  /**
   * Something that must stop before the files go: a browser still writing its profile. Register it
   * in the same step as starting it: once the build is stopping, this refuses, and nothing starts.
   */
  addStopper(stop: () => Promise<void>): () => void {
    if (this.stopping) throw new Error('the build is stopping');
    this.stoppers.add(stop);
    return () => this.stoppers.delete(stop);
  }

  /**
   * Stops what is still running (waiting at most `ms` for it), then removes every path: for a
   * build told to stop (Ctrl-C, SIGTERM), which has time to do it in order.
   */
  async stopAndRemoveAll(ms = 3000): Promise<void> {
    this.stopping = true;
    const stops = [...this.stoppers].map((stop) => stop().catch(() => undefined));
    this.stoppers.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(stops), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    this.removeAllSync();
  }

  /**
   * Synchronous, so it also works from a signal handler that exits right after. The browser may
   * still be writing its profile into the work folder, hence the retries; whatever survives is
   * swept by the next build.
   */
  removeAllSync(): void {
    for (const path of this.paths) {
      try {
        rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
      } catch {
        // left for sweepStale
      }
    }
    this.paths.clear();
  }
}

/** The name part that ties a temporary to the process that made it. */
export const ownerTag = (pid: number) => `briefdeck-${pid}-`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes entries of `folder` that a briefdeck process, no longer running, left behind. */
export function sweepStale(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^\.?briefdeck-(\d+)-/.exec(name);
    if (!owner) continue;
    const pid = Number(owner[1]);
    if (pid !== process.pid && !isRunning(pid)) rmSync(join(folder, name), { recursive: true, force: true });
  }
}
