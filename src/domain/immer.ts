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
export const { produce } = new Immer({ autoFreeze: true });
