import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, started with the flags this closed network needs (see ../shared/toolchain.md).
 * Playwright gives every launch a fresh, empty user-data-dir of its own.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}
