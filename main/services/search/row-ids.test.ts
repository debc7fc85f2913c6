import { describe, expect, it } from 'vitest';
import {
  apiNumOf,
  apiRanges,
  apiRowId,
  kindOf,
  MAX_API_NUM,
  MAX_METHOD_CODE,
  MAX_OPERATIONS_PER_METHOD,
  MAX_TEXT_ROWS,
  operationRange,
  operationRowId,
  OPS_BASE,
  TEXT_BASE,
  textRowId,
} from './row-ids.js';

describe('row ids', () => {
  it('read back kind and API from every kind of row, up to the largest ids', () => {
    for (const num of [1, 2, 977, MAX_API_NUM]) {
      const ids = [
        apiRowId(num),
        operationRowId(num, 1, 1),
        operationRowId(num, MAX_METHOD_CODE, MAX_OPERATIONS_PER_METHOD),
        textRowId(num, 0),
        textRowId(num, MAX_TEXT_ROWS - 1),
      ];
      expect(ids.map(kindOf)).toEqual(['api', 'operation', 'operation', 'text', 'text']);
      expect(ids.map(apiNumOf)).toEqual(ids.map(() => num));
      const ranges = apiRanges(num);
      for (const id of ids) {
        const [from, to] = ranges[['api', 'operation', 'text'].indexOf(kindOf(id))]!;
        expect(id >= from && id < to).toBe(true);
      }
    }
    expect(Number.isSafeInteger(textRowId(MAX_API_NUM, MAX_TEXT_ROWS - 1))).toBe(true);
  });

  it('keeps the operations of one method apart from the others', () => {
    const [from, to] = operationRange(5, 3);
    expect(operationRowId(5, 3, 1)).toBe(from);
    expect(operationRowId(5, 3, MAX_OPERATIONS_PER_METHOD)).toBe(to);
    expect(operationRowId(5, 2, MAX_OPERATIONS_PER_METHOD)).toBeLessThan(from);
    expect(operationRowId(5, 4, 1)).toBeGreaterThan(to);
    expect(operationRowId(6, 1, 1)).toBeGreaterThan(
      operationRowId(5, MAX_METHOD_CODE, MAX_OPERATIONS_PER_METHOD),
    );
    expect(apiRowId(MAX_API_NUM)).toBeLessThan(OPS_BASE);
    expect(operationRowId(MAX_API_NUM, MAX_METHOD_CODE, MAX_OPERATIONS_PER_METHOD)).toBeLessThan(
      TEXT_BASE,
    );
  });
});
