/**
 * The position of a record in a listing: `createdAt`, then `id`, both
 * compared by UTF-16 code units (ISO-8601 strings of one format sort
 * chronologically that way).
 *
 * @internal
 */
export interface OrderKey {
  readonly createdAt: string;
  readonly id: string;
}

/** Negative when `a` lists before `b`, zero when they are the same position. */
export function compareOrderKeys(a: OrderKey, b: OrderKey): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * The keys of one listing kept sorted, so a page is a binary search and a
 * slice rather than a sort of the whole account on every request.
 *
 * @internal
 */
export class OrderedKeys {
  readonly #keys: OrderKey[] = [];

  insert(key: OrderKey): void {
    this.#keys.splice(this.#firstAfter(key, true), 0, { createdAt: key.createdAt, id: key.id });
  }

  remove(key: OrderKey): void {
    const index = this.#firstAfter(key, true);
    const found = this.#keys[index];
    if (found !== undefined && compareOrderKeys(found, key) === 0) this.#keys.splice(index, 1);
  }

  /**
   * Up to `limit` keys strictly after `cursor` (from the start when `null`),
   * and whether more follow. Strictly-after makes a page independent of
   * whether the cursor's own record still exists.
   */
  page(cursor: OrderKey | null, limit: number): { keys: readonly OrderKey[]; more: boolean } {
    const start = cursor === null ? 0 : this.#firstAfter(cursor, false);
    return { keys: this.#keys.slice(start, start + limit), more: start + limit < this.#keys.length };
  }

  /**
   * Like {@link OrderedKeys.page}, keeping only the keys `keep` accepts: for
   * a listing narrowed by a second condition.
   */
  pageWhere(cursor: OrderKey | null, limit: number, keep: (key: OrderKey) => boolean): { keys: readonly OrderKey[]; more: boolean } {
    const keys: OrderKey[] = [];
    for (let index = cursor === null ? 0 : this.#firstAfter(cursor, false); index < this.#keys.length; index++) {
      const key = this.#keys[index] as OrderKey;
      if (!keep(key)) continue;
      if (keys.length === limit) return { keys, more: true };
      keys.push(key);
    }
    return { keys, more: false };
  }

  /** True when no key is held. */
  get isEmpty(): boolean {
    return this.#keys.length === 0;
  }

  /** Index of the first key `>= key` (inclusive) or `> key` (exclusive). */
  #firstAfter(key: OrderKey, inclusive: boolean): number {
    let low = 0;
    let high = this.#keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const comparison = compareOrderKeys(this.#keys[middle] as OrderKey, key);
      if (comparison < 0 || (!inclusive && comparison === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
