/**
 * What a search row's rowid says about it. Ranking weighs a row by its kind and
 * filters keep rows by their API and method; reading either from the row itself
 * would read its text (up to 4 KB) for every match of a common word, which is what
 * made `type:rest user` take seconds. So the rowid carries both:
 *
 *   api row        num * 2^26
 *   operation row  2^51 + num * 2^26 + method code * 2^16 + n    (n = 1..65535 per method)
 *   text row       2^52 + num * 2^26 + chunk index
 *
 * `num` is the API's key in `search_apis` (1..2^25-1), a method code its key in
 * `search_methods` (1..1023). Every rowid stays below 2^53, so JavaScript numbers
 * hold them exactly. Each kind has its own block, so one rowid range constraint lets
 * FTS5 rank the rows of one kind alone.
 */
import type { RowKind } from './api-documents.js';

const PART_BITS = 26;
const METHOD_BITS = 16;
/** Rowids of one API within a block. */
export const PART_SPAN = 2 ** PART_BITS;
/** First rowid of operations. */
export const OPS_BASE = 2 ** 51;
/** First rowid of definition text. */
export const TEXT_BASE = 2 ** 52;
export const MAX_API_NUM = 2 ** 25 - 1;
export const MAX_METHOD_CODE = 1023;
/** Operations of one method in one API that get a row; more never occur in real specs. */
export const MAX_OPERATIONS_PER_METHOD = 2 ** METHOD_BITS - 1;
/** Text rows of one API (a row is at least one line). */
export const MAX_TEXT_ROWS = PART_SPAN;

export const apiRowId = (num: number): number => num * PART_SPAN;

export const operationRowId = (num: number, code: number, n: number): number =>
  OPS_BASE + num * PART_SPAN + code * 2 ** METHOD_BITS + n;

export const textRowId = (num: number, index: number): number =>
  TEXT_BASE + num * PART_SPAN + index;

/** The rowid ranges [from, to) an API's rows occupy: its own row, its operations, its text. */
export function apiRanges(num: number): [from: number, to: number][] {
  return [0, OPS_BASE, TEXT_BASE].map((base) => [
    base + num * PART_SPAN,
    base + (num + 1) * PART_SPAN,
  ]);
}

/** The rowid range [from, to] of an API's operations of one method. */
export function operationRange(num: number, code: number): [from: number, to: number] {
  return [operationRowId(num, code, 1), operationRowId(num, code, MAX_OPERATIONS_PER_METHOD)];
}

export function kindOf(id: number): RowKind {
  if (id >= TEXT_BASE) return 'text';
  return id >= OPS_BASE ? 'operation' : 'api';
}

export function apiNumOf(id: number): number {
  return Math.floor(id / PART_SPAN) % (MAX_API_NUM + 1);
}

/** SQL over an FTS5 row's `rowid`: the API's num, and an operation row's method code. */
export const rowSql = {
  num: `((rowid >> ${PART_BITS}) & ${MAX_API_NUM})`,
  methodCode: `((rowid >> ${METHOD_BITS}) & ${MAX_METHOD_CODE})`,
};
