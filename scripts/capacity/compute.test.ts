// The capacity arithmetic on fixed unit costs, and docs/capacity.md's table against the committed bench-results/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, computeCapacity, num, renderCapacity } from './compute';
import { CAPACITY_DOC, docBlock, withBlock } from './doc';
import { loadUnitCosts, type UnitCosts } from './unit-costs';

const measured = { date: '2026-01-01', machine: 'test', command: 'test' };
const rate = {
  follows: 100,
  p95Ms: 100,
  baselineP95Ms: 50,
  temporalMsPerFollow: 40,
  postgresMsPerFollow: 10,
  nextMsPerFollow: 20,
  workerMsPerFollow: 30,
  sandboxMsPerFollow: 1,
};
const units: UnitCosts = {
  engine: {
    actions: { measured, friendsPerScenario: 10, oneSendPerFriend: 2, welcomePerFriend: 6, welcomeSends: 3, welcomeWaits: 2 },
    cpu: {
      measured,
      friends: 100,
      friendsPerSecond: 10,
      temporalMsPerFriend: 40,
      workerMsPerFriend: 20,
      postgresMsPerFriend: 4,
      sandboxMsPerFriend: 1,
    },
    parked: { measured, friends: 100, temporalBytesPerFriend: 20_000, postgresBytesPerFriend: 4_000, processRssMiB: 500 },
  },
  broadcast: {
    run: {
      measured,
      friends: 100,
      configuredPushesPerSecond: 1500,
      pushesPerSecond: 20,
      baselineWorkflowsPerSecond: 40,
      busiestSecondPushes: 30,
      status429: 0,
      temporalMsPerFriend: 30,
      workerMsPerFriend: 20,
      postgresMsPerFriend: 3,
      sandboxMsPerFriend: 1,
      postgresMsPerFriendStep: 1,
      runStepsPerFriend: 3,
    },
  },
  writePath: { run: { measured, friends: 100, postgresMsPerStep: 0.5, postgresMsPerWrite: 0.7, baselinePostgresMsPerStep: 0.2 } },
  welcome: { run: { measured, rates: { '10': rate, '20': rate }, kneeFollowsPerSecond: 20, baselineKneeFollowsPerSecond: 20 } },
};

describe('computeCapacity', () => {
  it('sizes a 1,000,000-friend broadcast at 1,500 pushes/s from the unit costs', () => {
    const f = computeCapacity(units).figures;
    expect(f.broadcastSeconds).toBeCloseTo(666.667, 2);
    // 3 actions per friend (2 + beginRun) + parent: start, timer, 2,000 pages, 99 continue-as-new.
    expect(f.broadcastActions).toBe(3_000_000 + 2_101);
    expect(f.broadcastUsd).toBeCloseTo(150.10505, 6);
    expect(f.broadcastActionsPerSecond).toBeCloseTo(3_002_101 / (1_000_000 / 1_500), 6);
    expect(f.temporalCores).toBeCloseTo(45, 10); // 30 ms × 1,500/s
    expect(f.workerCores).toBeCloseTo(30, 10);
    expect(f.workerProcesses).toBe(30);
    expect(f.postgresCores).toBeCloseTo(4.5, 10); // 1 ms × 3 steps × 1,500/s
  });

  it('sizes 300,000 friends parked in the welcome', () => {
    const f = computeCapacity(units).figures;
    expect(f.temporalDiskBytes).toBe(6e9);
    expect(f.postgresDiskBytes).toBe(1.2e9);
    expect(f.wakeActionsPerDay).toBe(450_000); // 300,000 wakes × (6 − 3) / 2
    expect(f.welcomeActionsPerDay).toBe(900_000); // 150,000 follows/day × 6
    expect(f.historyShards).toBe(512); // needs 45 × 4 = 180 → 256, below the floor
    const bigger = computeCapacity(units, { ...ASSUMPTIONS, parkedFriends: 3_000_000 }).figures;
    expect(bigger.historyShards).toBe(2048); // 300 × 4 = 1,200 → 2,048
  });

  it('writes numbers the same way on any locale', () => {
    expect(num(1234567.891, 2)).toBe('1,234,567.89');
    expect(num(-1000)).toBe('-1,000');
    expect(num(0.5, 1)).toBe('0.5');
  });
});

describe('docs/capacity.md', () => {
  it('holds the table `npm run capacity` prints for the committed bench-results/ (run `npm run capacity -- --write` after a bench)', () => {
    const doc = readFileSync(CAPACITY_DOC, 'utf8');
    expect(docBlock(doc)).toBe(renderCapacity(loadUnitCosts()));
  });

  it('replaces only its generated block', () => {
    const doc = withBlock('intro\n<!-- capacity:begin (npm run capacity -- --write) -->\nold\n<!-- capacity:end -->\noutro\n', 'new\n');
    expect(doc).toBe('intro\n<!-- capacity:begin (npm run capacity -- --write) -->\nnew\n<!-- capacity:end -->\noutro\n');
    expect(docBlock(doc)).toBe('new\n');
  });
});
