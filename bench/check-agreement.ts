/**
 * The correctness guard: every implementation is compared with baseline (a)
 * document by document. Implementations that read dotted keys must agree on
 * every document; sift, mingo and @ucast/js must agree on every nested
 * document, and on dotted-key documents may only miss matches (never add one).
 */
import type { DocTest } from './candidate.js';

/** How one implementation compares with the baseline. */
export interface Agreement {
  /** Matches over all documents. */
  readonly matches: number;
  /** Matches over the documents written nested only. */
  readonly nestedMatches: number;
  /** Nested documents where it and the baseline disagree (must be 0). */
  readonly nestedDisagreements: number;
  /** Dotted-key documents the baseline matches and it does not. */
  readonly dottedMissed: number;
  /** Dotted-key documents it matches and the baseline does not (must be 0). */
  readonly dottedExtra: number;
}

/**
 * Compares `test` with the baseline's answers (`expected[i]` for `docs[i]`)
 * on every document; `dotted[i]` says whether `docs[i]` has a dotted key.
 */
export function checkAgreement(
  test: DocTest,
  expected: readonly boolean[],
  docs: readonly unknown[],
  dotted: readonly boolean[],
): Agreement {
  let matches = 0;
  let nestedMatches = 0;
  let nestedDisagreements = 0;
  let dottedMissed = 0;
  let dottedExtra = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const got = test(doc);
    const want = expected[i] === true;
    if (got) matches++;
    if (dotted[i] === true) {
      if (want && !got) dottedMissed++;
      if (got && !want) dottedExtra++;
    } else {
      if (got) nestedMatches++;
      if (got !== want) nestedDisagreements++;
    }
  }
  return { matches, nestedMatches, nestedDisagreements, dottedMissed, dottedExtra };
}

/** Why `agreement` is wrong for an implementation, or `undefined` when it is as expected. */
export function agreementProblem(agreement: Agreement, readsDottedKeys: boolean): string | undefined {
  const problems: string[] = [];
  if (agreement.nestedDisagreements > 0) problems.push(`${agreement.nestedDisagreements} nested documents disagree with (a)`);
  if (agreement.dottedExtra > 0) problems.push(`${agreement.dottedExtra} dotted-key documents matched that (a) rejects`);
  if (readsDottedKeys && agreement.dottedMissed > 0) problems.push(`${agreement.dottedMissed} dotted-key documents missed that (a) matches`);
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** True when some key of `doc`, at any depth, contains a dot. */
export function hasDottedKey(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  if (Array.isArray(doc)) return doc.some(hasDottedKey);
  for (const [key, value] of Object.entries(doc)) {
    if (key.includes('.') || hasDottedKey(value)) return true;
  }
  return false;
}
