import { escapeMarkup } from '../deck/escape.ts';
import { outputName, outputNames } from '../export/formats.ts';
import type { BriefRecord } from '../records/store.ts';

// The briefing book: `<out>/index.html`, one page listing every brief and every deck built from
// it, with links to each output. Self-contained (thumbnails are embedded), so it opens from disk
// or from the dev server alike, and needs no network.

/** The outputs a deck may have, in the order the book lists them. */
const OUTPUTS = [
  { name: (audience: string) => outputName(audience, 'html'), label: 'Present (HTML)' },
  { name: (audience: string) => outputName(audience, 'pdf'), label: 'PDF' },
  { name: (audience: string) => outputName(audience, 'pptx'), label: 'PowerPoint' },
  { name: (audience: string) => outputName(audience, 'handout'), label: 'Handout (PDF)' },
  { name: (audience: string) => outputNames(audience, 'memo')[1]!, label: 'Memo (PDF)' },
  { name: (audience: string) => outputNames(audience, 'memo')[0]!, label: 'Memo (Word)' },
] as const;

export interface BookOptions {
  /** When the book was written: `SOURCE_DATE_EPOCH`, else the newest deck's build time. */
  builtAt: string;
  /** Whether an output is there to link to; the dev server makes every one on demand. */
  available: (slug: string, file: string) => boolean;
}

const e = escapeMarkup;
const formatDate = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

function renderDeck(record: BriefRecord, audience: string, options: BookOptions): string {
  const deck = record.decks[audience]!;
  const label = deck.label;
  const title = record.summary?.title ?? record.slug;
  const links = OUTPUTS.filter((output) => options.available(record.slug, output.name(audience))).map(
    (output) =>
      `<li><a href="${e(`${encodeURIComponent(record.slug)}/${output.name(audience)}`)}">${output.label}<span class="visually-hidden">: ${e(label)} deck of ${e(title)}</span></a></li>`,
  );
  const thumbnail = deck.thumbnail
    ? `<img src="${deck.thumbnail}" width="320" height="180" alt="Title slide of the ${e(label)} deck: ${e(title)}">`
    : '';
  return `<li class="deck">${thumbnail}<h3>${e(label)}</h3><p class="count">${deck.slides} slide${deck.slides === 1 ? '' : 's'}</p><ul class="links">${links.join('')}</ul></li>`;
}

function renderBrief(record: BriefRecord, options: BookOptions): string {
  const summary = record.summary;
  const id = `brief-${record.slug.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const facts = [
    ['Date', summary?.date],
    ['Marking', summary?.marking],
    ['Presenter', summary?.presenter],
    ['Organisation', summary?.organization],
    ['Source', record.file],
  ].filter((fact): fact is [string, string] => Boolean(fact[1]));
  const errors =
    record.errors.length > 0
      ? `<div class="errors"><h3>Problems in its last build</h3><p>Nothing new was written for this brief; the decks below, if any, are from its last good build.</p><ul>${record.errors.map((error) => `<li><pre>${e(error)}</pre></li>`).join('')}</ul></div>`
      : '';
  const decks = Object.keys(record.decks)
    .sort()
    .map((audience) => renderDeck(record, audience, options));
  // The brief's own words take their direction from their first letter: an Arabic title runs right to left.
  return `<section class="brief" aria-labelledby="${id}"><h2 id="${id}" dir="auto">${e(summary?.title ?? record.file)}</h2>${summary?.subtitle ? `<p class="subtitle" dir="auto">${e(summary.subtitle)}</p>` : ''}<dl>${facts.map(([term, value]) => `<div><dt>${term}</dt><dd dir="auto">${e(value)}</dd></div>`).join('')}</dl>${errors}${decks.length > 0 ? `<ul class="decks">${decks.join('')}</ul>` : ''}</section>`;
}

const CSS = `
:root { color-scheme: light; --text: #1b2430; --muted: #4a5565; --heading: #14325c; --rule: #d5dbe3; --panel: #f2f5f9; --alert: #7a1f1f; --link: #14325c; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Source Sans 3", "Segoe UI", system-ui, sans-serif; color: var(--text); background: #fff; line-height: 1.45; }
.skip { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: #fff; color: var(--link); }
.skip:focus { left: 1rem; }
header, main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
header { border-bottom: 4px solid var(--heading); }
h1 { margin: 0 0 0.25rem; color: var(--heading); font-size: 2rem; }
header p { margin: 0; color: var(--muted); }
.brief { padding: 1.5rem 0; border-bottom: 1px solid var(--rule); }
.brief h2 { margin: 0 0 0.25rem; color: var(--heading); font-size: 1.5rem; }
.subtitle { margin: 0 0 0.75rem; color: var(--muted); }
dl { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0 0 1rem; }
dl div { display: flex; gap: 0.4rem; }
dt { font-weight: 600; }
dd { margin: 0; }
.decks { list-style: none; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1.25rem; padding: 0; margin: 0; }
.deck { background: var(--panel); padding: 0.75rem; border: 1px solid var(--rule); }
.deck img { display: block; width: 100%; height: auto; border: 1px solid var(--rule); background: #fff; }
.deck h3 { margin: 0.6rem 0 0; font-size: 1.15rem; color: var(--heading); }
.count { margin: 0 0 0.4rem; color: var(--muted); }
.links { list-style: none; display: flex; flex-wrap: wrap; gap: 0.35rem 1rem; padding: 0; margin: 0; }
a { color: var(--link); font-weight: 600; text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid #b0802a; outline-offset: 2px; }
.errors { border-left: 6px solid var(--alert); background: #fbeeee; padding: 0.5rem 1rem; margin: 0 0 1rem; }
.errors h3 { margin: 0.25rem 0; color: var(--alert); font-size: 1.1rem; }
.errors ul { padding-left: 1rem; }
.errors pre { white-space: pre-wrap; margin: 0; font-size: 0.95rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** The briefing book's page for every brief of the output folder. */
export function renderBook(records: readonly BriefRecord[], options: BookOptions): string {
  const failed = records.filter((record) => record.errors.length > 0).length;
  const status = `${records.length} brief${records.length === 1 ? '' : 's'}${failed > 0 ? `, ${failed} with problems` : ''} · built <time datetime="${e(options.builtAt)}">${e(formatDate(options.builtAt))}</time>`;
  const body =
    records.length > 0 ? records.map((record) => renderBrief(record, options)).join('') : '<p>No briefs built yet.</p>';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Briefing book</title><style>${CSS}</style></head><body><a class="skip" href="#briefs">Skip to the briefs</a><header><h1>Briefing book</h1><p>${status}</p></header><main id="briefs">${body}</main></body></html>\n`;
}
