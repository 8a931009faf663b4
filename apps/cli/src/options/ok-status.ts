import { InvalidArgumentError } from 'commander';

/** A range of HTTP statuses, both ends included. */
export type StatusRange = readonly [from: number, to: number];

const ITEM = /^([1-5]\d\d)(?:-([1-5]\d\d))?$/;

/** `--ok-status 404,410` or `400-499`: statuses and ranges, 100 to 599. */
export function statusRanges(value: string): StatusRange[] {
  const items = value.split(',').map((item) => item.trim());
  return items.map((item) => {
    const match = ITEM.exec(item);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || to < from) throw new InvalidArgumentError(`must be HTTP statuses or ranges (100-599) separated by commas, e.g. 404,410 or 400-499; "${item}" is not one.`);
    return [from, to] as const;
  });
}

/** Core's `okStatus`: a 2xx, or a status in one of `ranges`. */
export function okStatusOf(ranges: readonly StatusRange[]): (status: number) => boolean {
  return (status) => (status >= 200 && status <= 299) || ranges.some(([from, to]) => status >= from && status <= to);
}
