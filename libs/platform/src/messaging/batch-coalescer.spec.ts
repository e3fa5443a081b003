import { BatchCoalescer } from './batch-coalescer';

describe('BatchCoalescer', () => {
  const recorder = () => {
    const calls: number[][][] = [];
    return { calls, handle: async (batches: number[][]) => void calls.push(batches) };
  };

  it('hands small batches submitted in the same turn to one call, in order', async () => {
    const { calls, handle } = recorder();
    const coalescer = new BatchCoalescer<number>(10, 100, handle);
    await Promise.all([coalescer.submit([1, 2]), coalescer.submit([3]), coalescer.submit([4, 5, 6])]);
    expect(calls).toEqual([[[1, 2], [3], [4, 5, 6]]]);
  });

  it('hands a batch of the threshold or more on its own, at once', async () => {
    const { calls, handle } = recorder();
    const coalescer = new BatchCoalescer<number>(3, 100, handle);
    await Promise.all([coalescer.submit([1]), coalescer.submit([2, 3, 4])]);
    expect(calls).toEqual([[[2, 3, 4]], [[1]]]);
  });

  it('never lets a group grow past its limit', async () => {
    const { calls, handle } = recorder();
    const coalescer = new BatchCoalescer<number>(5, 6, handle);
    await Promise.all([coalescer.submit([1, 2, 3, 4]), coalescer.submit([5, 6, 7]), coalescer.submit([8, 9])]);
    expect(calls).toEqual([[[1, 2, 3, 4]], [[5, 6, 7], [8, 9]]]);
  });

  it('fails every batch of a group whose call fails, and goes on with the next group', async () => {
    let fail = true;
    const coalescer = new BatchCoalescer<number>(10, 100, async () => {
      if (fail) throw new Error('database gone');
    });
    const first = [coalescer.submit([1]), coalescer.submit([2])];
    await expect(first[0]).rejects.toThrow('database gone');
    await expect(first[1]).rejects.toThrow('database gone');
    fail = false;
    await expect(coalescer.submit([3])).resolves.toBeUndefined();
  });

  it('starts a new group for batches submitted after the last one was handed over', async () => {
    const { calls, handle } = recorder();
    const coalescer = new BatchCoalescer<number>(10, 100, handle);
    await coalescer.submit([1]);
    await coalescer.submit([2]);
    expect(calls).toEqual([[[1]], [[2]]]);
  });
});
