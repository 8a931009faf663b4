/**
 * The type of `data` when `fields` lists literal field names: `T` narrowed to those keys, dotted
 * paths (`'user.name'`) reaching into nested objects, arrays mapped element by element, as
 * `pickFields` does at run time. With a plain `string[]` (names not known to the compiler) it is
 * `T` unchanged.
 *
 * @example
 * type Post = { id: number; title: string; user: { name: string; age: number } };
 * type Picked = PickFields<Post, 'title' | 'user.name'>; // { title: string; user: { name: string } }
 */
export type PickFields<T, F extends string> = string extends F ? T : PickPaths<T, F>;

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P;
type Rest<P extends string, H extends string> = P extends `${H}.${infer R}` ? R : never;

type PickPaths<T, P extends string> = T extends readonly (infer E)[]
  ? PickPaths<E, P>[]
  : unknown extends T
    ? { [K in Head<P>]: K extends P ? unknown : PickPaths<unknown, Rest<P, K>> }
    : T extends object
      ? { [K in Head<P> & keyof T]: K extends P ? T[K] : PickPaths<T[K], Rest<P, K & string>> }
      : T;
