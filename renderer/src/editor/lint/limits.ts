/**
 * Size limits of the linter, in one place for the core and the UI's notes.
 */

/** Documents above this size skip the example rules unless asked (characters of text). */
export const exampleRulesThreshold = 1_000_000;
/** How the UI names `exampleRulesThreshold`. */
export const exampleRulesThresholdLabel = '1 MB';
/** Documents above this size are linted incrementally (characters of text). */
export const incrementalThreshold = 256_000;
