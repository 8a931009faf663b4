import { describe, expect, it } from 'vitest';
import { FOLLOWER_GONE_MS, followerHeartbeat, unreadByFollower } from '../src/job-scripts.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.end());
const META = 'fanout:job:beat:meta';

describe("what holds enqueue back: the results a live follower hasn't taken", () => {
  it('counts them only while the follower has been heard from lately, and never makes a job up', async () => {
    await followerHeartbeat(q.redis, 'beat');
    expect(await q.redis.exists(META)).toBe(0); // no job, no key

    await q.redis.hset(META, { state: 'enqueuing', stored: 700, followed: 200 });
    expect(await unreadByFollower(q.redis, 'beat')).toBe(0); // no follower: results are kept, nothing waits

    await followerHeartbeat(q.redis, 'beat');
    expect(await unreadByFollower(q.redis, 'beat')).toBe(500);

    // A follower silent for longer than FOLLOWER_GONE_MS (Redis's clock) holds nothing back.
    const [seconds] = await q.redis.time();
    await q.redis.hset(META, 'followerAt', Number(seconds) * 1000 - FOLLOWER_GONE_MS - 2000);
    expect(await unreadByFollower(q.redis, 'beat')).toBe(0);
  }, 30_000);
});
