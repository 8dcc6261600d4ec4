/**
 * Hydra YAML → SageMaker container arguments that Hydra parses back exactly.
 * The grammar follows Hydra 1.3's override parser; the examples in
 * `__fixtures__/hydra/grammar-examples.json` were checked against Hydra 1.3.2.
 *
 * Decisions worth knowing:
 * - Config values are emitted as plain `key=value` (the image's config has these keys);
 *   a YAML key written `+key`, `++key` or `~key` adds, force-adds or deletes instead, and
 *   the prefix applies to every leaf below it.
 * - The top-level `defaults` list is not a config value (Hydra consumes it while
 *   composing, and `defaults=...` fails), so it is left out and reported in `skippedKeys`.
 * - A top-level key that is an integer (`'0': {a: 1}`) is reached through the keys below it
 *   (`0.a=1`): Hydra's lexer takes an integer segment in a dotted key but not as a whole key
 *   (`0=1` is an error), so such a key must hold a non-empty mapping, is never packed into a
 *   literal at `0`, and keys below it that need a literal at `0` are refused.
 * - User override lines are blank when they hold only spaces and tabs, the only white space
 *   Hydra's grammar knows; a line of U+00A0 is an override (which Hydra rejects), not a blank.
 * - The experiment name is emitted as `++key='value'`, which works whether or not the
 *   config declares the key; a config leaf with the same key is dropped.
 * - Hydra applies value overrides in order, so a later one wins. A config leaf whose exact
 *   key a user override sets again is dropped (`shadowedKeys`); a config mapping under a
 *   key the user sets as a whole is kept, because that key may be a config group.
 * - User overrides are parsed with our grammar before anything is built; words starting
 *   with `-` are Hydra flags and pass through; sweeps are errors unless `--multirun`/`-m`.
 * - Packing, only when the flat list would exceed the limit, merges consecutive leaves
 *   into dict literals (Hydra merges dict values). Inside a packed `+key={...}` Hydra no
 *   longer checks that each inner key is new: the composed values are the same, only that
 *   "already exists" error is lost.
 * - YAML is read like PyYAML + OmegaConf. Deliberate differences, all rejections of
 *   configs Hydra could not use either: tags other than str/int/float/bool/null/seq/map
 *   (OmegaConf rejects timestamps and sets; bytes cannot be written as an override),
 *   recursive aliases, and `!!int`/`!!float` text with surrounding blanks.
 */
export { loadHydraConfig, type HydraConfig } from './yaml-load.js'
export { planContainerArguments, type ContainerArgumentsPlan, type PlanInput } from './container-arguments.js'
export { formatArgumentsSummary } from './arguments-block.js'
