import { expect, it } from 'vitest';
import { jsonDepthExceeds } from '../../src/index.js';
import { valueDepthExceeds } from '../../src/utils/json-depth.js';

it('counts nesting of objects and arrays, not brackets inside strings (escaped quotes included)', () => {
  expect(jsonDepthExceeds('[[[1]]]', 3)).toBe(false);
  expect(jsonDepthExceeds('[[[1]]]', 2)).toBe(true);
  expect(jsonDepthExceeds('{"a":{"b":[1]}}', 2)).toBe(true);
  expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[["}', 1)).toBe(false);
  expect(jsonDepthExceeds('{"a":"\\"[[[[[[[[[[[[[[[[[[[[[","b":1}', 1)).toBe(false);
  expect(jsonDepthExceeds('{"a":"\\\\","b":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}', 5)).toBe(true);
  expect(jsonDepthExceeds('[1,[2],[3],[4],[5],[6],[7],[8],[9]]', 2)).toBe(false);
});

it('reads 200,000 levels without recursion (no stack overflow), and a value 100,000 deep too', () => {
  const text = '['.repeat(200_000) + ']'.repeat(200_000);
  expect(jsonDepthExceeds(text, 512)).toBe(true);
  expect(jsonDepthExceeds(text, 200_000)).toBe(false);
  let value: unknown = 1;
  for (let i = 0; i < 100_000; i++) value = { a: value };
  expect(valueDepthExceeds(value, 512)).toBe(true);
  expect(valueDepthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  expect(valueDepthExceeds(cycle, 512)).toBe(true);
});
