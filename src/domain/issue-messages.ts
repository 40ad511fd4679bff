import type * as z from 'zod/mini';
import { en } from 'zod/locales';

let english: z.core.$ZodErrorMap | undefined;

/**
 * Zod's English message for an issue (`Unrecognized key: "filterIDs"`,
 * `Too big: expected number to be <=500`), used where a schema gives none.
 * `zod/mini` installs no locale, and installing one globally would be a side
 * effect at load; passing this per parse keeps the messages and lets a
 * bundle that parses nothing drop it.
 *
 * @example
 * ```ts
 * schema.safeParse(value, { error: englishIssueMessage });
 * ```
 */
export const englishIssueMessage: z.core.$ZodErrorMap = (issue) => {
  english ??= en().localeError;
  return english(issue);
};
