// One child environment for every project's tests: core's (see there).
export * from '../../../packages/core/test/child-env.js';
