import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBook } from './book/write-book.ts';
import type { BriefReport, BuildCollaborators, BuildOptions, ExportState } from './build.ts';
import type { AudienceProfile } from './deck/profile.ts';
import type { ComposedBrief } from './decks.ts';
import { exportDecks, type RenderedDeck } from './export/export.ts';
import { captureTitleSlide } from './export/thumbnail.ts';
import { writeOutputs } from './export/write.ts';
import { recordBuild } from './records/record.ts';
import { readRecord } from './records/store.ts';
import { ownerTag } from './temporaries.ts';

/** What the build composed, to be exported, written, recorded and listed in the book. */
export interface ComposedBuild {
  decks: RenderedDeck[];
  composed: { slug: string; result: ComposedBrief; profiles: AudienceProfile[] }[];
  reports: BriefReport[];
  templateKeys: () => ReadonlyMap<string, string>;
}

/**
 * export → write: every deck's files moved into place, each brief's record, the briefing book.
 * Returns the paths written.
 */
export async function writeBuild(
  build: ComposedBuild,
  options: BuildOptions,
  collaborators: BuildCollaborators,
  warm: ExportState,
): Promise<string[]> {
  const { decks, composed, reports, templateKeys } = build;
  const written = decks.length > 0 ? await exportAndWrite(decks, options, collaborators, warm) : [];
  const thumbnails = await pictureTitleSlides(decks, options, warm);
  for (const { slug, result, profiles: built } of composed) {
    const file = reports.find((report) => report.slug === slug)!.file;
    recordBuild(options, {
      file,
      slug,
      result,
      profiles: built,
      templateKeys,
      thumbnails,
      temporaries: collaborators.temporaries,
    });
  }
  if (composed.length > 0) await collaborators.stage?.('recorded');
  writeBook(options, collaborators.temporaries);
  return written;
}

/** The title slide of each deck that needs one for the briefing book, small, by `slug/audience`. */
async function pictureTitleSlides(
  decks: RenderedDeck[],
  options: BuildOptions,
  warm: ExportState,
): Promise<Map<string, string>> {
  const records = new Map<string, ReturnType<typeof readRecord>>();
  const recorded = (slug: string) => {
    if (!records.has(slug)) records.set(slug, readRecord(options.outDir, slug));
    return records.get(slug);
  };
  const wanted = decks.filter(
    (deck) => options.thumbnails !== 'missing' || !recorded(deck.slug)?.decks[deck.audience]?.thumbnail,
  );
  const pictures = await Promise.all(
    wanted.map(
      async (deck) =>
        [
          `${deck.slug}/${deck.audience}`,
          await captureTitleSlide(
            await warm.session(),
            (deck.html ?? warm.renderHtml(deck.markdown, deck.document.lang)).page,
          ),
        ] as const,
    ),
  );
  return new Map(pictures);
}

async function exportAndWrite(
  decks: RenderedDeck[],
  options: BuildOptions,
  collaborators: BuildCollaborators,
  warm: ExportState,
): Promise<string[]> {
  const { themes, renderHtml } = warm;
  collaborators.progress(
    `exporting ${decks.length} deck${decks.length === 1 ? '' : 's'} as ${['md', ...options.formats].join(', ')}`,
    true,
  );
  mkdirSync(options.outDir, { recursive: true });
  // Exports are made in the system's temporary folder; only finished files come near the output folder.
  // Recorded before it exists, so a signal arriving while it is made still removes it.
  const workDir = collaborators.temporaries.add(
    join(tmpdir(), `${ownerTag(process.pid)}${randomBytes(6).toString('hex')}`),
  );
  mkdirSync(workDir, { mode: 0o700 });
  try {
    await collaborators.stage?.('exporting');
    const exported = await exportDecks(
      decks,
      { formats: options.formats, workDir, themes },
      { runMarp: collaborators.runMarp, renderHtml, session: warm.session, stage: collaborators.stage },
    );
    await collaborators.stage?.('exported');
    return await writeOutputs(exported, options.outDir, collaborators.temporaries, collaborators.stage);
  } finally {
    await rm(workDir, { recursive: true, force: true });
    collaborators.temporaries.delete(workDir);
  }
}
