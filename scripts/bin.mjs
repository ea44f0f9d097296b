#!/usr/bin/env node
// The one JavaScript file: it lets Node run briefdeck's TypeScript sources directly, through tsx.
import { constants } from 'node:os';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
  isRoot: process.getuid?.() === 0,
  onInterrupt: (handler) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(signal, () => {
        // Stop the browser and wait for it, then remove the build's temporary files, then exit.
        const exit = () => process.exit(128 + constants.signals[signal]);
        handler(signal).then(exit, exit);
      });
    }
  },
});
// Exit now rather than when the event loop drains: a browser that hung on start-up may keep a pipe open.
process.exit(code);
