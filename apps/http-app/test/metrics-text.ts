/** The value of one sample on the app's `/metrics` (`name` with its labels as written, e.g. `x{reason="buffer"}`); 0 when absent. */
export async function metric(baseUrl: string, sample: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

/** Whether `/metrics` has a sample of that name at all (a metric the app does not have is a failure, not a 0). */
export async function hasMetric(baseUrl: string, name: string): Promise<boolean> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return text.split('\n').some((l) => l.startsWith(`# TYPE ${name} `));
}
