/**
 * marp-cli's programmatic API; it throws on failure rather than exiting. It writes only HTML here,
 * which needs no browser; its temporary files go in the build's work folder.
 */
export async function runMarpCli(argv: string[], scratchDir: string): Promise<number> {
  const { marpCli } = await import('@marp-team/marp-cli');
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratchDir;
  try {
    return await marpCli(argv);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
