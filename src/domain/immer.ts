/**
 * The library's own immer instance.
 *
 * @packageDocumentation
 */
import { Immer } from 'immer';

/**
 * `produce` from an immer instance that always deep-freezes its results, so a
 * host that turns auto-freeze off globally cannot make our aggregates mutable.
 */
const immer = new Immer({ autoFreeze: true });

// Annotated so that declaration files can name the type (immer does not export `IProduce`).
export const produce: Immer['produce'] = immer.produce;
