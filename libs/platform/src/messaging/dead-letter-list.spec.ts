import { pageWindows } from './dead-letter-list';

describe('pageWindows', () => {
  // Partition 0 holds offsets 10..14 (the first 10 are gone), partition 1 holds 0..2, partition 2 is empty.
  const partitions = [
    { partition: 0, low: 10, high: 15 },
    { partition: 1, low: 0, high: 3 },
    { partition: 2, low: 4, high: 4 },
  ];
  const windows = (offset: number, limit: number) => Object.fromEntries(pageWindows(partitions, { offset, limit }));

  it('reads the first partition from its lowest retained offset', () => {
    expect(windows(0, 2)).toEqual({ 0: { from: 10, to: 12 } });
  });

  it('continues into the next partition where the first runs out', () => {
    expect(windows(3, 4)).toEqual({ 0: { from: 13, to: 15 }, 1: { from: 0, to: 2 } });
  });

  it('skips whole partitions the offset passes', () => {
    expect(windows(6, 50)).toEqual({ 1: { from: 1, to: 3 } });
  });

  it('reads nothing past the end', () => {
    expect(windows(8, 50)).toEqual({});
  });
});
