import type { BrowserSession } from '../browser/session.ts';

/** The title slide at a quarter of its size, as a `data:` URL, for the briefing book. */
export async function captureTitleSlide(session: BrowserSession, page: string): Promise<string> {
  const image = await session.screenshot(page, { x: 0, y: 0, width: 1280, height: 720, scale: 0.25 });
  return `data:image/jpeg;base64,${Buffer.from(image).toString('base64')}`;
}
