import { cpuSnapshot, otherProcessesShare } from '../src/machine-load';

test('the share of other processes is their busy time over the elapsed machine time', () => {
  const start = { busy: 1000, total: 5000, own: 200 };
  // 400 ticks elapsed, 300 of them busy, 100 of those ours: others used 200 / 400
  expect(otherProcessesShare(start, { busy: 1300, total: 5400, own: 300 })).toBe(0.5);
  // all the busy time was ours
  expect(otherProcessesShare(start, { busy: 1100, total: 5400, own: 300 })).toBe(0);
  expect(otherProcessesShare(start, undefined)).toBeUndefined();
  expect(otherProcessesShare(start, start)).toBeUndefined();
});

test('burning CPU in this process shows up as our own time (Linux; elsewhere there is no snapshot)', () => {
  if (process.platform !== 'linux') {
    expect(cpuSnapshot()).toBeUndefined();
    return;
  }
  const before = cpuSnapshot()!;
  const until = Date.now() + 300;
  let x = 0;
  while (Date.now() < until) x += Math.sqrt(x + 1);
  const after = cpuSnapshot()!;
  expect(x).toBeGreaterThan(0);
  expect(after.own - before.own).toBeGreaterThan(0);
  expect(after.total).toBeGreaterThan(before.total);
});
