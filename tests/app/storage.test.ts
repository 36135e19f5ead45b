import { describe, expect, it } from 'vitest';
import { createSafeStorage } from '../../src/composables/safeStorage.ts';

function throwingStorage(): Storage {
  const fail = (): never => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return { getItem: fail, setItem: fail, removeItem: fail, clear: fail, key: fail, length: 0 } as Storage;
}

describe('safe storage', () => {
  it('keeps working from memory when storage throws, as in a blocked third-party iframe', () => {
    const storage = createSafeStorage(() => throwingStorage());
    expect(storage.persistent).toBe(false);
    expect(storage.set('k', 'v')).toBe(false);
    expect(storage.get('k')).toBe('v');
    storage.remove('k');
    expect(storage.get('k')).toBeNull();
  });

  it('keeps working when even reaching localStorage throws', () => {
    const storage = createSafeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(storage.persistent).toBe(false);
    expect(storage.set('a', '1')).toBe(false);
    expect(storage.get('a')).toBe('1');
  });

  it('writes through to a working storage', () => {
    const map = new Map<string, string>();
    const real = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    } as Storage;
    const storage = createSafeStorage(() => real);
    expect(storage.persistent).toBe(true);
    expect(storage.set('x', 'y')).toBe(true);
    expect(map.get('x')).toBe('y');
    expect(createSafeStorage(() => real).get('x')).toBe('y');
  });

  it('reports a failed write (storage full) without throwing', () => {
    let full = false;
    const map = new Map<string, string>();
    const real = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('full', 'QuotaExceededError');
        map.set(k, v);
      },
      removeItem: (k: string) => void map.delete(k),
    } as Storage;
    const storage = createSafeStorage(() => real);
    full = true;
    expect(storage.set('big', 'data')).toBe(false);
    expect(map.has('big')).toBe(false);
    // Kept in memory for this visit: the app goes on working.
    expect(storage.get('big')).toBe('data');
  });

  it('still reads what a full storage holds (a failed probe write does not hide an existing draft)', () => {
    const map = new Map<string, string>([['aimm:draft', '{"saved":"before"}']]);
    const full = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: (k: string) => void map.delete(k),
    } as unknown as Storage;
    const storage = createSafeStorage(() => full);
    expect(storage.persistent).toBe(false);
    expect(storage.get('aimm:draft')).toBe('{"saved":"before"}');
  });
});
