import { countOf, secondsOf, type AnnouncedBudget } from './announced-budget.js';
import { parseSfMembers, type SfMember } from './structured-field.js';

/**
 * Reads the IETF `RateLimit` field with its `RateLimit-Policy`, in both structured-field forms of
 * draft-ietf-httpapi-ratelimit-headers:
 * - drafts 08 and later: `RateLimit: "name";r=REMAINING;t=SECONDS` (a List; `t` may be left out
 *   when the policy of that name gives its window `w`), `RateLimit-Policy: "name";q=QUOTA;w=SECONDS`;
 * - draft 07: `RateLimit: limit=N, remaining=R, reset=SECONDS` (a Dictionary), `RateLimit-Policy: N;w=SECONDS`.
 * With several policies the one with the fewest remaining (then the longest reset) is taken.
 * Malformed values give undefined; never throws.
 */
export function parseRateLimitField(field: string, policyField: string | undefined): AnnouncedBudget | undefined {
  const members = parseSfMembers(field);
  if (members === undefined) return undefined;
  const policies = policyField === undefined ? undefined : parseSfMembers(policyField);
  return members.some((m) => m.key !== undefined) ? fromDictionary(members, policies) : fromList(members, policies);
}

/** Draft 07: `limit=100, remaining=50, reset=5`. */
function fromDictionary(members: readonly SfMember[], policies: readonly SfMember[] | undefined): AnnouncedBudget | undefined {
  const value = (key: string) => members.find((m) => m.key === key)?.value;
  const remaining = countOf(value('remaining'));
  const reset = secondsOf(value('reset'));
  if (remaining === undefined || reset === undefined) return undefined;
  const limit = countOf(value('limit')) ?? countOf(policies?.[0]?.value);
  return budget(remaining, reset, limit);
}

/** Drafts 08 and later: `"default";r=50;t=30`, one item per policy. */
function fromList(members: readonly SfMember[], policies: readonly SfMember[] | undefined): AnnouncedBudget | undefined {
  let best: AnnouncedBudget | undefined;
  for (const member of members) {
    const remaining = countOf(member.params.r);
    if (remaining === undefined) continue;
    const policy = policies?.find((p) => p.value === member.value);
    const reset = secondsOf(member.params.t) ?? secondsOf(policy?.params.w);
    if (reset === undefined) continue;
    const candidate = budget(remaining, reset, countOf(policy?.params.q));
    if (best === undefined || candidate.remaining < best.remaining || (candidate.remaining === best.remaining && candidate.resetMs > best.resetMs)) best = candidate;
  }
  return best;
}

function budget(remaining: number, resetSeconds: number, limit: number | undefined): AnnouncedBudget {
  return limit === undefined ? { remaining, resetMs: resetSeconds * 1000 } : { remaining, resetMs: resetSeconds * 1000, limit };
}
