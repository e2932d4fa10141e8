// core/thousands.ts writes integers as toLocaleString('en-US') does, without loading ICU.
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { thousands } from '../../server/src/core/thousands';

it('matches toLocaleString("en-US") for integers, rounding as it does', () => {
  const values = [0, 1, 12, 999, 1000, 1001, 12345, 999999, 1000000, 6291456, 6291457, 262144, 2 ** 31, 9007199254740991, -1, -1000, -1234567, 1.4, 1.6, 1023.5];
  for (const v of values) assert.equal(thousands(v), Math.round(v).toLocaleString('en-US'), String(v));
});
