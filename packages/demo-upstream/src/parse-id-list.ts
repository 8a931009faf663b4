/** Why an id list was rejected: a message fit to show a user as is. */
export class IdListError extends Error {
  override readonly name = 'IdListError' as const;
  readonly code = 'EIDLIST' as const;
}

/**
 * Parses an id list such as `1-10,42` into ids, in the order given. Ids are positive integers;
 * a range `a-b` needs `a <= b`. Throws `IdListError` with a readable reason.
 *
 * @param max reject lists longer than this (counted after expanding ranges).
 * @example
 * parseIdList('1-3,7') // [1, 2, 3, 7]
 */
export function parseIdList(text: string, max = Number.MAX_SAFE_INTEGER): number[] {
  const ids: number[] = [];
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 1 && parts[0] === '') throw new IdListError('the id list is empty');
  for (const part of parts) {
    const match = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(part);
    if (!match) throw new IdListError(`"${part}" is not an id or a range like 1-10`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < 1) throw new IdListError(`ids start at 1, got "${part}"`);
    if (from > to) throw new IdListError(`range "${part}" goes backwards; write ${to}-${from}`);
    if (ids.length + (to - from + 1) > max) throw new IdListError(`too many ids: at most ${max} allowed`);
    for (let id = from; id <= to; id++) ids.push(id);
  }
  return ids;
}
