/** `value` rounded to one decimal (0.1 ms for times): what fanout puts in JSON. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
