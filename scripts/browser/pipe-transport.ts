import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * The DevTools protocol over Chromium's `--remote-debugging-pipe`: messages are JSON separated by
 * NUL bytes. Puppeteer keeps its own pipe transport internal, so this is the public interface's.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    fromBrowser.on('close', () => this.onclose?.());
    // A browser that dies mid-message breaks the pipe; the close that follows says so.
    fromBrowser.on('error', () => undefined);
    toBrowser.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.toBrowser.write(message);
    this.toBrowser.write('\0');
  }

  private receive(chunk: Buffer): void {
    if (chunk.indexOf(0) === -1) {
      this.pending.push(chunk);
      return;
    }
    const buffer = Buffer.concat([...this.pending, chunk]);
    let start = 0;
    for (let end = buffer.indexOf(0); end !== -1; end = buffer.indexOf(0, start)) {
      const message = buffer.toString('utf8', start, end);
      // Puppeteer expects each message on its own turn of the event loop, as its transports deliver them.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
    }
    this.pending = start < buffer.length ? [buffer.subarray(start)] : [];
  }

  close(): void {
    this.closed = true;
  }
}
