import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

// A test fails on any console warning or error it did not expect (as in pinia's vitest-mock-warn):
// Vue and vue-i18n report real bugs (missing keys, bad props) only as warnings.
let warn: MockInstance;
let error: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn');
  error = vi.spyOn(console, 'error');
});
afterEach(() => {
  const calls = [...warn.mock.calls, ...error.mock.calls];
  warn.mockRestore();
  error.mockRestore();
  if (calls.length > 0) throw new Error(`unexpected console output:\n${calls.map((c) => c.map(String).join(' ')).join('\n')}`);
});
