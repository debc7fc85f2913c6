/**
 * Orders strings by code point, the same on every machine and locale, so listings
 * and files written from them do not churn in git.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
