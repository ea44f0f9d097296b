// The script the dev server adds to every page it serves (never to the files on disk): it patches
// the slides an edit changed into the open deck, in place, keeping the slide in view and the
// presenter view; it reloads the page (keeping the address's #hash) when a patch cannot say what
// changed, and shows a build's problems over the page until they are fixed.
import { CLI_CONTAINER } from './patch.ts';

export const CLIENT_PATH = '/__briefdeck/client.js';
export const EVENTS_PATH = '/__briefdeck/events';

export const CLIENT_SCRIPT = `(() => {
  // The server rebuilds the decks in view first: it is told which page this is.
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)} + '?page=' + encodeURIComponent(location.pathname));
  const overlayId = '__briefdeck-problems';
  const fitId = '__briefdeck-fit';
  const clear = () => document.getElementById(overlayId)?.remove();
  const show = (problems) => {
    clear();
    const overlay = document.createElement('div');
    overlay.id = overlayId;
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-label', 'briefdeck: the brief has problems');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(20,25,35,.92);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap';
    const heading = document.createElement('h2');
    heading.textContent = 'briefdeck could not rebuild: the last good deck is still served';
    heading.style.cssText = 'font:700 20px system-ui,sans-serif;margin:0 0 1rem;color:#ffb4a8';
    const text = document.createElement('pre');
    text.textContent = problems.join('\\n');
    text.style.cssText = 'margin:0;font:inherit';
    overlay.append(heading, text);
    document.body.append(overlay);
  };
  const here = () => decodeURIComponent(location.pathname);
  // The build whose patch this page took: that build's reload is not for it.
  let patchedBuild = -1;
  const applyPatch = (patch) => {
    const container = document.getElementById(':$p');
    const slides = container ? [...container.children].filter((child) => child.matches('svg[data-marpit-svg]')) : [];
    if (slides.length !== patch.count) return false;
    const style = [...document.querySelectorAll('style')].find((element) => element.id !== fitId && element.textContent.includes(${JSON.stringify(`${CLI_CONTAINER} > svg > foreignObject > section`)}));
    if (!style) return false;
    if (patch.fit !== undefined) {
      // The fit rules live in a style of their own once a patch changes them, so a slide that
      // shrinks does not make the page parse the theme and its fonts again. The first time, they
      // are taken out of the deck's styles; a rule not found there is a page this patch is not for.
      let fit = document.getElementById(fitId);
      if (!fit) {
        if (patch.css === undefined) {
          let text = style.textContent;
          for (const rule of patch.fit.shown) {
            if (!text.includes(rule)) return false;
            text = text.replace(rule, '');
          }
          style.textContent = text;
        }
        fit = Object.assign(document.createElement('style'), { id: fitId });
        style.after(fit);
      }
      fit.textContent = patch.fit.rules.join(' ');
    }
    if (patch.css !== undefined) style.textContent = patch.css;
    const notes = patch.notes.map((note) => [document.querySelector('.bespoke-marp-note[data-index="' + note.index + '"]'), note]);
    if (notes.some(([element]) => !element)) return false;
    for (const slide of patch.slides) slides[slide.index].innerHTML = slide.html;
    for (const [element, note] of notes)
      element.replaceChildren(...note.paragraphs.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
    return true;
  };
  events.addEventListener('patch', (event) => {
    const patch = JSON.parse(event.data);
    if (patch.path !== here()) return;
    clear();
    // A patch the page cannot take is left to the reload that follows the written file.
    if (applyPatch(patch)) patchedBuild = patch.build;
  });
  events.addEventListener('reload', (event) => {
    const { paths, patched, build } = JSON.parse(event.data);
    clear();
    if (patchedBuild === build && patched.includes(here())) return;
    if (here() === '/' || here() === '/index.html' || paths.includes(here())) location.reload();
  });
  events.addEventListener('problems', (event) => show(JSON.parse(event.data).problems));
  events.addEventListener('fixed', clear);
})();
`;

/** The page as served: the dev client added before the end of its body. */
export function withClient(html: string): string {
  const tag = `<script src="${CLIENT_PATH}"></script>`;
  return html.includes('</body>') ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${tag}</body>`) : `${html}${tag}`;
}
