import { describe, expect, it } from 'vitest';
import { createDeckRenderer } from '../scripts/deck/marp-html.ts';
import { findExternalResources } from '../scripts/deck/resources.ts';
import { escapeMarkdownText } from '../scripts/deck/escape.ts';

const render = createDeckRenderer([]);
const page = (markdown: string) => render(`---\nmarp: true\n---\n\n${markdown}\n`, 'en').page;

describe('findExternalResources', () => {
  it.each([
    ['an image tag', '<img src="https://ads.example/pixel.gif">'],
    ['a CSS background', 'background: url(https://ads.example/bg.png)'],
    ['a quoted CSS url', "background: url('https://ads.example/bg.png')"],
    ['a style import', '@import "https://cdn.example/x.css";'],
    ['a srcset', 'srcset="https://cdn.example/a.png 1x, https://cdn.example/b.png 2x"'],
    ['a poster and an object', 'poster="https://media.example/still.jpg" data="https://x.example/o.swf"'],
  ])('reads %s quoted in brief text as text, not as an address the deck fetches', (_name, quote) => {
    expect(findExternalResources(page(escapeMarkdownText(quote)))).toEqual([]);
  });

  it('finds a remote image in the Markdown body', () => {
    expect(findExternalResources(page('![Chart](https://example.org/chart.png)'))).toEqual([
      'https://example.org/chart.png',
    ]);
  });

  it('finds a remote background set by a directive, in the style attribute Marp writes', () => {
    expect(
      findExternalResources(page('<!-- _backgroundImage: url(https://example.org/watermark.png) -->\n\n# Slide')),
    ).toEqual(['https://example.org/watermark.png']);
  });

  it('finds addresses in real markup: srcset candidates, SVG images, style sheets and link elements', () => {
    const html = `<html><head><link rel="stylesheet" href="https://cdn.example/s.css"><style>@import "https://cdn.example/t.css"; p { background: url(https://cdn.example/u.png) }</style></head>
      <body><img srcset="https://cdn.example/a.png 1x, https://cdn.example/b.png 2x"><svg><image href="https://cdn.example/v.svg"/></svg><a href="https://example.org/page">a link waits for a click</a><p style="background-image: url(&quot;https://cdn.example/w.png&quot;)">text</p></body></html>`;
    expect(findExternalResources(html).sort()).toEqual([
      'https://cdn.example/a.png',
      'https://cdn.example/b.png',
      'https://cdn.example/s.css',
      'https://cdn.example/t.css',
      'https://cdn.example/u.png',
      'https://cdn.example/v.svg',
      'https://cdn.example/w.png',
    ]);
  });

  it('ignores embedded data: URLs and addresses inside CSS comments', () => {
    expect(
      findExternalResources(
        '<style>/* url(https://example.org/old.png) */ p { background: url(data:image/png;base64,AAAA) }</style><img src="data:image/png;base64,AAAA">',
      ),
    ).toEqual([]);
  });
});
