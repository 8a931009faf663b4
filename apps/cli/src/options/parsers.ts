import { InvalidArgumentError } from 'commander';

/** Commander argument parsers: each rejects with a message commander prints as the reason. */
export function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}.`);
    return n;
  };
}

/** `--concurrency`: an integer from `min` to `max`, or `auto`. */
export function integerOrAuto(min: number, max: number) {
  const parse = integer(min, max);
  return (value: string): number | 'auto' => {
    if (value.trim() === 'auto') return 'auto';
    try {
      return parse(value);
    } catch {
      throw new InvalidArgumentError(`must be an integer from ${min} to ${max}, or auto.`);
    }
  };
}

export function positive(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`must be a number above 0, at most ${max}.`);
    return n;
  };
}

export function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number from 0 to 1.');
  return n;
}

/** `429,503`: a comma-separated list of HTTP statuses. */
export function statusList(value: string): number[] {
  const statuses = value.split(',').map((s) => s.trim());
  if (statuses.some((s) => !/^[1-5]\d\d$/.test(s))) throw new InvalidArgumentError('must be HTTP statuses separated by commas, e.g. 429,503.');
  return statuses.map(Number);
}
