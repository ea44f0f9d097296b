import { describe, expect, it } from 'vitest';
import { createDeckRenderer } from '../scripts/deck/marp-html.ts';

// Two themes with a size of their own, as briefdeck's themes declare them, and an inlined font.
const THEMES = [
  {
    name: 'plain',
    css: '/* @theme plain */\n/* @size 16:9 1280px 720px */\n/* @size 4:3 960px 720px */\n@font-face { font-family: "F"; src: url("data:font/woff2;base64,AAAA") format("woff2"); }\nsection { font-family: "F"; color: #123456; }',
  },
  { name: 'dark', css: '/* @theme dark */\n/* @size 16:9 1280px 720px */\nsection { background: #000; color: #fff; }' },
];

const deck = (frontMatter: string[]) => `---\nmarp: true\n${frontMatter.join('\n')}\n---\n\n# One\n\n---\n\n# Two\n`;

// What the fit step and the themes vary between the decks one renderer renders in a build.
const DECKS = [
  deck(['theme: plain', 'size: 16:9']),
  deck(['theme: plain', 'size: 16:9', 'style: "section[id=\\"2\\"] { --fit: 0.92; }"']),
  deck(['theme: plain', 'size: 16:9', 'style: "section[id=\\"2\\"] { --fit: 0.85; }"']),
  deck(['theme: plain', 'size: 4:3']),
  deck(['theme: dark', 'size: 16:9']),
  deck(['theme: dark', 'size: 16:9', 'style: "section[id=\\"1\\"] { --fit: 0.92; }"']),
];

describe('createDeckRenderer', () => {
  it('gives every deck the styles a fresh renderer gives it, whatever the same renderer rendered before', () => {
    const fresh = DECKS.map((markdown) => createDeckRenderer(THEMES)(markdown, 'en'));
    // Distinct decks, distinct styles: otherwise the comparison below would prove nothing.
    expect(new Set(fresh.map((html) => html.css)).size).toBe(DECKS.length);
    const shared = createDeckRenderer(THEMES);
    // Each deck twice over, in an order that revisits styles packed earlier.
    const order = [0, 1, 2, 0, 3, 4, 1, 5, 2, 3, 5, 4, 0];
    for (const index of order) {
      const html = shared(DECKS[index]!, 'en');
      expect(html.css).toBe(fresh[index]!.css);
      expect(html.page).toBe(fresh[index]!.page);
      expect(html.fitRules).toEqual(fresh[index]!.fitRules);
    }
  });

  it('puts the inlined font back into the styles it returns, however often the deck is rendered', () => {
    const render = createDeckRenderer(THEMES);
    for (let round = 0; round < 3; round++)
      expect(render(DECKS[0]!, 'en').css).toContain('url("data:font/woff2;base64,AAAA")');
  });
});
