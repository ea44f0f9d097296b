import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTerminal, STATUS_INTERVAL } from '../scripts/cli/report.ts';

// Progress comes a line per deck; the terminal paces it so a check of a thousand briefs writes a
// handful of lines, while the last word before a quiet stretch (exporting, say) is still shown.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function logTerminal() {
  const written: string[] = [];
  const terminal = createTerminal({ stderr: (text) => written.push(text), env: {} });
  return { terminal, written };
}

describe('progress in a log (no terminal)', () => {
  it('writes the first progress line at once and at most one line a second after it', () => {
    const { terminal, written } = logTerminal();
    for (let deck = 1; deck <= 4000; deck++) {
      terminal.status(`deck ${deck} of 4000`);
      vi.advanceTimersByTime(0.5);
    }
    // 4000 decks in two seconds: the first line, the latest when its second is up, and the last.
    vi.advanceTimersByTime(STATUS_INTERVAL.log);
    expect(written).toEqual(['deck 1 of 4000', 'deck 2000 of 4000', 'deck 4000 of 4000']);
  });

  it('shows the latest progress once the build goes quiet', () => {
    const { terminal, written } = logTerminal();
    terminal.status('deck 1 of 2');
    terminal.status('deck 2 of 2');
    terminal.status('exporting 2 decks as md, html');
    expect(written).toEqual(['deck 1 of 2']);
    vi.advanceTimersByTime(STATUS_INTERVAL.log);
    expect(written).toEqual(['deck 1 of 2', 'exporting 2 decks as md, html']);
  });

  it('drops progress held back when a line that stays comes first', () => {
    const { terminal, written } = logTerminal();
    terminal.status('deck 1 of 2');
    terminal.status('deck 2 of 2');
    terminal.line('✓ brief.md: valid');
    vi.advanceTimersByTime(STATUS_INTERVAL.log * 2);
    expect(written).toEqual(['deck 1 of 2', '✓ brief.md: valid']);
  });
});

describe('progress on a terminal', () => {
  it('redraws the status line at most ten times a second and clears it before a line', () => {
    const status: string[] = [];
    const lines: string[] = [];
    const terminal = createTerminal({
      stderr: (text) => lines.push(text),
      status: (text) => status.push(text),
      env: {},
    });
    for (let deck = 1; deck <= 100; deck++) {
      terminal.status(`deck ${deck} of 100`);
      vi.advanceTimersByTime(10);
    }
    expect(status.length).toBeLessThanOrEqual(11);
    expect(status[0]).toBe('deck 1 of 100');
    terminal.line('done');
    expect(status.at(-1)).toBe('');
    expect(lines).toEqual(['done']);
  });
});
