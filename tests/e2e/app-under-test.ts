import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { serveDist } from './serve.ts';

export interface AppUnderTest {
  browser: Browser;
  server: Awaited<ReturnType<typeof serveDist>>;
}

/** Serves the built app and starts Chromium before a test file's tests, and closes both after them. */
export function appUnderTest(): AppUnderTest {
  const app = {} as AppUnderTest;
  beforeAll(async () => {
    app.server = await serveDist();
    app.browser = await launch();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
