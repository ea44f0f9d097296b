import { watch } from 'chokidar';

/** How long to gather the events of one save (editors write, rename and touch in quick succession). */
const SETTLE_MS = 25;

export interface InputWatcher {
  /** Resolves once no change is waiting to be reported. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Watches the briefs' folders and the templates folder; reports each burst of changes once. */
export function watchInputs(paths: readonly string[], onChange: (changed: string[]) => void): InputWatcher {
  const watcher = watch([...paths], {
    ignoreInitial: true,
    ignored: (path) => /(^|[\\/])(\.|node_modules[\\/])/.test(path),
  });
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let waiting: (() => void)[] = [];
  const flush = () => {
    timer = undefined;
    const paths = [...changed];
    changed = new Set();
    onChange(paths);
    for (const done of waiting) done();
    waiting = [];
  };
  watcher.on('all', (_event, path) => {
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  });
  return {
    idle: () => (timer ? new Promise((done) => waiting.push(done)) : Promise.resolve()),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
