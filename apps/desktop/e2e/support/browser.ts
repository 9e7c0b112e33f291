import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Debian Chromium quiet and offline on these machines. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches Debian Chromium. playwright's launch() gives every browser a new
 * temporary user-data-dir and deletes it on close, so each run starts fresh.
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
  return { browser, close: () => browser.close() };
}

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../artifacts');
