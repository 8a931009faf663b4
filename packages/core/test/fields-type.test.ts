import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { fanout, sequential, type FetchResult, type PickFields } from '../src/index.js';

interface Post {
  id: number;
  title: string;
  body: string;
  user: { name: string; age: number };
  tags: { label: string; score: number }[];
}

describe('`fields` narrows the type of `data` (type-level, checked by typecheck)', () => {
  it('with the type and the field names given, `data` has only those keys', () => {
    expectTypeOf(fanout<Post, 'title' | 'id'>([], { fields: ['title', 'id'] })).toEqualTypeOf<Observable<FetchResult<{ title: string; id: number }>>>();
  });

  it('reaches nested fields by dotted path, and maps arrays element by element', () => {
    expectTypeOf<PickFields<Post, 'user.name'>>().toEqualTypeOf<{ user: { name: string } }>();
    expectTypeOf<PickFields<Post, 'tags.label'>>().toEqualTypeOf<{ tags: { label: string }[] }>();
    expectTypeOf<PickFields<Post[], 'id'>>().toEqualTypeOf<{ id: number }[]>();
  });

  it('without a type, literal field names give their keys (values unknown)', () => {
    expectTypeOf(fanout([], { fields: ['title', 'user.name'] as const })).toEqualTypeOf<Observable<FetchResult<{ title: unknown; user: { name: unknown } }>>>();
  });

  it('with no fields, or names only known at run time, `data` is the type given', () => {
    const names: string[] = ['title'];
    expectTypeOf(fanout<Post>([])).toEqualTypeOf<Observable<FetchResult<Post>>>();
    expectTypeOf(fanout<Post>([], { fields: names })).toEqualTypeOf<Observable<FetchResult<Post>>>();
    expectTypeOf(sequential<Post>([])).toEqualTypeOf<Observable<FetchResult<Post>>>();
  });

  it('with the field names declared, a field outside them is a compile error', () => {
    // @ts-expect-error: 'nope' is not one of the declared field names
    fanout<Post, 'title'>([], { fields: ['nope'] });
  });
});
