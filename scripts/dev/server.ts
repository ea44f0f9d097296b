import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { type BriefReport, type BuildCollaborators, type BuildOptions, createBuilder } from '../build.ts';
import { formatBriefError, isBriefError, listBriefErrors } from '../errors.ts';
import type { RenderedDeck } from '../export/export.ts';
import type { OutputFormat } from '../export/formats.ts';
import { listAudiences } from '../deck/templates.ts';
import { findBriefs, slugOf } from '../inputs.ts';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH, withClient } from './client.ts';
import { diffDecks, readDeckView, type DeckView } from './patch.ts';
import { contentType, isLocalHost, resolveServedFile } from './paths.ts';
import { watchInputs } from './watch.ts';

export interface DevOptions extends Omit<BuildOptions, 'formats'> {
  /** 0 picks a free port. */
  port: number;
}

/** What the dev server prints through: the command line gives its terminal. */
export interface DevTerminal {
  line: (text: string) => void;
  /** A mark in the colour of success, where the terminal shows colour. */
  ok: (text: string) => string;
}

export interface DevServer {
  url: string;
  /** Resolves when the server has closed. */
  closed: Promise<void>;
  close(): Promise<void>;
  /** Resolves when the builds the last change started have finished (for tests and the benchmark). */
  settled(): Promise<void>;
}

/** `/<slug>/<audience>.pdf` and its kin: the formats made only when first asked for. */
function onDemandOutput(path: string): { slug: string; audience: string; format: OutputFormat } | undefined {
  const match = /^\/([^/]+)\/([^/]+?)(-handout\.pdf|-memo\.pdf|-memo\.docx|\.pdf|\.pptx)$/.exec(
    decodeURIComponent(path),
  );
  if (!match) return undefined;
  const suffix = match[3]!;
  const format: OutputFormat = suffix.startsWith('-memo')
    ? 'memo'
    : suffix === '-handout.pdf'
      ? 'handout'
      : suffix === '.pdf'
        ? 'pdf'
        : 'pptx';
  return { slug: match[1]!, audience: match[2]!, format };
}

/**
 * `briefdeck dev`: builds the HTML decks, serves them and the briefing book on loopback, rebuilds
 * what an edit affects with the browser kept warm, and tells open pages to reload or to show the
 * problems. PDF, PPTX, handouts and memos are made when first asked for.
 */
export async function serveDev(
  options: DevOptions,
  collaborators: BuildCollaborators,
  io: { stdout: (text: string) => void; terminal: DevTerminal },
): Promise<DevServer> {
  const builder = createBuilder(collaborators);
  const files = () => (options.files.length > 0 ? [...options.files] : findBriefs(options.contentDir));
  // Each open page and the path it shows, so the decks in view are rebuilt first.
  const clients = new Map<ServerResponse, string>();
  // Each deck as its pages show it, and the decks patched in place by the build under way: an
  // open page gets the slides an edit changed as soon as they are fitted, before any file is written.
  const views = new Map<string, DeckView>();
  let build = 0;
  const patched = new Set<string>();
  const patchOpenPages = (decks: readonly RenderedDeck[]) => {
    const shown = new Set(clients.values());
    for (const deck of decks) {
      const path = `/${deck.slug}/${deck.audience}.html`;
      const view = deck.html && readDeckView(deck.html);
      const before = views.get(path);
      if (view) views.set(path, view);
      else views.delete(path);
      const patch = view && before && shown.has(path) ? diffDecks(path, before, view) : undefined;
      // A change no patch can express waits for the written file and a reload; so does a deck
      // made again after its patch, as when a save lands while the build is under way.
      if (!patch || patch.count < 0) {
        patched.delete(path);
        continue;
      }
      send('patch', { ...patch, build });
      patched.add(path);
    }
  };
  // Title slides are pictured for the book when the server starts; edits keep the loop quick.
  const base: BuildOptions = {
    ...options,
    formats: ['html'],
    onDemand: true,
    thumbnails: 'missing',
    onComposed: patchOpenPages,
  };
  let problems: string[] = [];
  // One build at a time, in the order asked for.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const send = (event: string, data: unknown) => {
    for (const client of clients.keys()) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  const report = (reports: BriefReport[]) => {
    const failed = reports.flatMap((brief) => brief.errors.map(formatBriefError));
    for (const line of failed) io.terminal.line(line);
    const paths = reports.flatMap((brief) =>
      brief.outputs.map((output) => `/${brief.slug}/${output.split('/').pop()}`),
    );
    const made = paths.filter((path) => !path.endsWith('.md'));
    if (made.length > 0) io.terminal.line(`${io.terminal.ok('✓')} made ${made.join(', ')}`);
    if (failed.length > 0) {
      problems = failed;
      send('problems', { problems });
    } else if (problems.length > 0) {
      problems = [];
      send('fixed', {});
    }
    // Pages patched in place by this build need no reload; the book and the other pages do.
    if (paths.length > 0) send('reload', { paths: [...paths, '/'], patched: [...patched], build });
  };
  /** The audiences whose decks open pages show: an edit reaches them before the others. */
  const audiencesInView = () => {
    const known = listAudiences(options.templatesDir).filter(
      (name) => !options.audiences?.length || options.audiences.includes(name),
    );
    const shown = [...clients.values()].flatMap((page) => /^\/[^/]+\/([^/]+)\.html$/.exec(page)?.[1] ?? []);
    const inView = known.filter((name) => shown.includes(name));
    return inView.length > 0 && inView.length < known.length ? inView : undefined;
  };
  const rebuild = () =>
    serially(async () => {
      build++;
      patched.clear();
      try {
        const inView = audiencesInView();
        const first = inView ? await builder.build({ ...base, files: files(), audiences: inView }) : undefined;
        if (first) report(first);
        // A broken brief is broken for every audience: its problems are shown once.
        if (!first?.some((brief) => brief.errors.length > 0)) report(await builder.build({ ...base, files: files() }));
      } catch (error) {
        // A broken profile or template: the server stays up with the last good decks.
        const lines = isBriefError(error) ? listBriefErrors(error).map(formatBriefError) : [String(error)];
        for (const line of lines) io.terminal.line(line);
        problems = lines;
        send('problems', { problems });
      }
    });

  await rebuild();

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isLocalHost(request.headers.host)) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('briefdeck dev answers only to localhost\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === EVENTS_PATH) {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      if (problems.length > 0) response.write(`event: problems\ndata: ${JSON.stringify({ problems })}\n\n`);
      clients.set(response, new URL(request.url ?? '/', 'http://localhost').searchParams.get('page') ?? '/');
      request.on('close', () => clients.delete(response));
      return;
    }
    if (path === CLIENT_PATH) {
      response
        .writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(CLIENT_SCRIPT);
      return;
    }
    const wanted = (() => {
      try {
        return onDemandOutput(path);
      } catch {
        return undefined;
      }
    })();
    const brief = wanted && files().find((file) => slugOf(file) === wanted.slug);
    if (wanted && brief && listAudiences(options.templatesDir).includes(wanted.audience)) {
      const reports = await serially(() =>
        builder.build({ ...base, files: [brief], audiences: [wanted.audience], formats: [wanted.format] }),
      );
      report(reports);
    }
    const file = resolveServedFile(options.outDir, path);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    const type = contentType(file);
    const body = type.startsWith('text/html')
      ? Buffer.from(withClient(readFileSync(file, 'utf8')))
      : readFileSync(file);
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      io.terminal.line(String(error instanceof Error ? error.stack : error));
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', done);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  io.stdout(url);

  const watched = [...new Set([...files().map((file) => dirname(resolve(file))), resolve(options.templatesDir)])];
  let pending: Promise<void> = Promise.resolve();
  const watcher = watchInputs(watched, options.outDir, (changed) => {
    if (changed.some((path) => path.startsWith(resolve(options.templatesDir)))) builder.forgetTemplates();
    pending = rebuild();
  });

  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((done) => (resolveClosed = done));
  return {
    url,
    closed,
    settled: async () => {
      await watcher.idle();
      await pending;
    },
    close: async () => {
      await watcher.close();
      for (const client of clients.keys()) client.end();
      const stopped = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await stopped;
      await queue;
      await builder.close();
      resolveClosed();
    },
  };
}
