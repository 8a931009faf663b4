/** Where the requests go when inputs are ids (or for the demo with no inputs). */
export type UpstreamChoice = { kind: 'embedded'; latency: number; failRate: number } | { kind: 'url'; url: string; live: boolean };
