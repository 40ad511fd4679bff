import { Immer } from 'immer';

/**
 * `produce` from an immer instance that always deep-freezes its results, so a
 * host that turns auto-freeze off globally cannot make our aggregates mutable.
 */
// Annotated so that declaration files can name the type (immer does not export `IProduce`),
// and built in a pure call so that bundles which never change a record drop immer.
export const produce: Immer['produce'] = /* @__PURE__ */ (() => new Immer({ autoFreeze: true }).produce)();
