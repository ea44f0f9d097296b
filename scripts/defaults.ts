import type { BuildCollaborators } from './build.ts';
import { supplyBrowser } from './browser/find.ts';
import { runMarpCli } from './export/marp-cli.ts';
import { Temporaries } from './temporaries.ts';

/**
 * The collaborators a build uses when a script of your own gives none: marp-cli for HTML, the
 * browser found from `env` (pass `process.env` to honour CHROME_PATH and BRIEFDECK_BROWSER), no
 * progress lines.
 */
export function defaultCollaborators(
  env: Record<string, string | undefined> = {},
  options: { browserTimeout?: number; isRoot?: boolean } = {},
): BuildCollaborators {
  const temporaries = new Temporaries();
  return {
    runMarp: runMarpCli,
    openBrowser: supplyBrowser(env, {
      timeout: options.browserTimeout ?? 120,
      isRoot: options.isRoot ?? false,
      announce: () => {},
      temporaries,
    }),
    progress: () => {},
    temporaries,
  };
}
