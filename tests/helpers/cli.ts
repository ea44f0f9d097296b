import { main } from '../../scripts/cli.ts';
import { ROOT } from './briefs.ts';

/** Runs the command line in-process from the project folder, as a user's shell would, and keeps what it printed. */
export async function runBriefdeck(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; lines: string[] }> {
  const stdout: string[] = [];
  const lines: string[] = [];
  const code = await main(argv, { stdout: (text) => stdout.push(text), stderr: (line) => lines.push(line), env, cwd: ROOT });
  return { code, stdout: stdout.join('\n'), lines };
}
