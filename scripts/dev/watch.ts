import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { watch } from 'chokidar';

/** How long to gather the events of one save (editors write, rename and touch in quick succession). */
const SETTLE_MS = 25;

/**
 * chokidar reports a file's change, then drops every change to it in the next 50 ms without a
 * trailing event, so a second save that quick would never be built. Each reported file is looked
 * at again once that window has passed, and reported again if it changed meanwhile.
 */
const DROPPED_CHANGE_WINDOW_MS = 60;

export interface InputWatcher {
  /** Resolves once no change is waiting to be reported, nor a reported file to be looked at again. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** What a file is as last seen: when it was written and how long it is, or gone. */
function stampOf(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'gone';
  }
}

/**
 * Watches the briefs' folders and the templates folder; reports each burst of changes once. What
 * the builds write is no input: `outputs` (the output folder, often inside a brief's folder) is left out.
 */
export function watchInputs(
  paths: readonly string[],
  outputs: string,
  onChange: (changed: string[]) => void,
): InputWatcher {
  const out = resolve(outputs);
  const watcher = watch([...paths], {
    ignoreInitial: true,
    ignored: (path) => /(^|[\\/])(\.|node_modules[\\/])/.test(path) || path === out || path.startsWith(`${out}${sep}`),
  });
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const lookingAgain = new Set<NodeJS.Timeout>();
  let waiting: (() => void)[] = [];
  const settleIfIdle = () => {
    if (timer || lookingAgain.size > 0) return;
    for (const done of waiting) done();
    waiting = [];
  };
  const report = (path: string) => {
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  };
  const flush = () => {
    timer = undefined;
    const paths = [...changed];
    changed = new Set();
    const stamps = new Map(paths.map((path) => [path, stampOf(path)]));
    onChange(paths);
    const again = setTimeout(() => {
      lookingAgain.delete(again);
      for (const path of paths) if (stampOf(path) !== stamps.get(path)) report(path);
      settleIfIdle();
    }, DROPPED_CHANGE_WINDOW_MS);
    lookingAgain.add(again);
  };
  watcher.on('all', (_event, path) => report(path));
  return {
    idle: () => (timer || lookingAgain.size > 0 ? new Promise((done) => waiting.push(done)) : Promise.resolve()),
    close: async () => {
      clearTimeout(timer);
      timer = undefined;
      for (const again of lookingAgain) clearTimeout(again);
      lookingAgain.clear();
      settleIfIdle();
      await watcher.close();
    },
  };
}
