// Read coalescing (coalesce.ts): identical reads arriving together share one computation, and none is
// ever answered with a result read before it arrived.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Coalescer } from './coalesce.ts';

/** A computation the test finishes by hand; `seen` is the state it read when it started. */
function controllable() {
  let state = 0;
  const started: Array<{ seen: number; finish: () => void; fail: (e: Error) => void }> = [];
  const compute = () =>
    new Promise<number>((resolve, reject) => {
      const seen = state;
      started.push({ seen, finish: () => resolve(seen), fail: reject });
    });
  return { compute, started, write: () => ++state };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('read coalescing', () => {
  test('a lone read starts at once', () => {
    const c = new Coalescer<number>();
    const s = controllable();
    void c.run('k', s.compute);
    assert.equal(s.started.length, 1);
  });

  test('reads arriving while one runs share the next computation, which starts when it ends', async () => {
    const c = new Coalescer<number>();
    const s = controllable();
    const first = c.run('k', s.compute);
    const burst = Array.from({ length: 10 }, () => c.run('k', s.compute));
    assert.equal(s.started.length, 1, 'the burst waits');
    s.started[0].finish();
    assert.equal(await first, 0);
    await tick();
    assert.equal(s.started.length, 2, 'one computation for the ten');
    s.started[1].finish();
    assert.deepEqual(await Promise.all(burst), Array(10).fill(0));
    assert.equal(c.activeKeys, 0, 'nothing kept once idle');
  });

  test('a read never gets a result read before it arrived (a write between is seen)', async () => {
    const c = new Coalescer<number>();
    const s = controllable();
    const before = c.run('k', s.compute); // reads state 0
    s.write(); // committed after the first read started…
    const after = c.run('k', s.compute); // …and before this one arrived
    s.started[0].finish();
    await tick();
    s.started[1].finish();
    assert.equal(await before, 0);
    assert.equal(await after, 1, 'the later read sees the write');
  });

  test('a read arriving after the waiting group started forms a new group', async () => {
    const c = new Coalescer<number>();
    const s = controllable();
    void c.run('k', s.compute);
    const second = c.run('k', s.compute);
    s.started[0].finish();
    await tick(); // the second group has started
    s.write();
    const third = c.run('k', s.compute);
    s.started[1].finish();
    await tick();
    assert.equal(s.started.length, 3);
    s.started[2].finish();
    assert.deepEqual([await second, await third], [0, 1]);
  });

  test('different keys do not share or wait for each other', () => {
    const c = new Coalescer<number>();
    const s = controllable();
    void c.run('head', s.compute);
    void c.run('branch1', s.compute);
    assert.equal(s.started.length, 2);
  });

  test('an error reaches every read of its group only; the next group runs', async () => {
    const c = new Coalescer<number>();
    const s = controllable();
    const first = c.run('k', s.compute);
    const joined = [c.run('k', s.compute), c.run('k', s.compute)];
    s.started[0].fail(new Error('connection lost'));
    await assert.rejects(first, /connection lost/);
    await tick();
    s.started[1].finish();
    assert.deepEqual(await Promise.all(joined), [0, 0]);
    const thrown = c.run('k', () => {
      throw new Error('sync');
    });
    await assert.rejects(thrown, /sync/);
    assert.equal(c.activeKeys, 0);
  });

  test('with two in flight, a third read waits for one of them', async () => {
    const c = new Coalescer<number>(2);
    const s = controllable();
    void c.run('k', s.compute);
    void c.run('k', s.compute);
    assert.equal(s.started.length, 2, 'two start at once');
    const third = c.run('k', s.compute);
    const fourth = c.run('k', s.compute);
    assert.equal(s.started.length, 2);
    s.started[1].finish();
    await tick();
    assert.equal(s.started.length, 3, 'third and fourth share one');
    s.started[2].finish();
    assert.deepEqual([await third, await fourth], [0, 0]);
  });

  describe('joining a computation under way when nothing was committed since it started (a snapshot)', () => {
    test('a read with the running computation’s snapshot joins it instead of waiting for the next', async () => {
      const c = new Coalescer<number>();
      const s = controllable();
      const first = c.run('k', s.compute, 'snap-1');
      const joined = c.run('k', s.compute, 'snap-1');
      assert.equal(s.started.length, 1, 'no second computation');
      s.started[0].finish();
      assert.deepEqual([await first, await joined], [0, 0]);
      await tick();
      assert.equal(s.started.length, 1, 'nothing left waiting');
      assert.equal(c.activeKeys, 0);
    });

    test('a read whose snapshot differs (a commit since the computation started) waits for the next, which sees the commit', async () => {
      const c = new Coalescer<number>();
      const s = controllable();
      const first = c.run('k', s.compute, 'snap-1');
      s.write();
      const after = c.run('k', s.compute, 'snap-2');
      assert.equal(s.started.length, 1, 'waits');
      s.started[0].finish();
      await tick();
      s.started[1].finish();
      assert.deepEqual([await first, await after], [0, 1]);
    });

    test('a read without a snapshot never joins a running computation', async () => {
      const c = new Coalescer<number>();
      const s = controllable();
      void c.run('k', s.compute, 'snap-1');
      void c.run('k', s.compute);
      s.started[0].finish();
      await tick();
      assert.equal(s.started.length, 2);
    });

    test('a waiting group takes the latest snapshot its readers bring; once started, a read with that snapshot joins it', async () => {
      const c = new Coalescer<number>();
      const s = controllable();
      void c.run('k', s.compute, 'snap-1');
      s.write();
      const a = c.run('k', s.compute, 'snap-2'); // waits: another snapshot
      const b = c.run('k', s.compute, 'snap-3'); // joins the waiting group, whose snapshot becomes snap-3
      s.started[0].finish();
      await tick();
      assert.equal(s.started.length, 2);
      const late = c.run('k', s.compute, 'snap-3');
      const older = c.run('k', s.compute, 'snap-2');
      assert.equal(s.started.length, 2, 'the late read joined the running group');
      s.started[1].finish();
      assert.deepEqual([await a, await b, await late], [1, 1, 1]);
      await tick();
      assert.equal(s.started.length, 3, 'a read with an older snapshot than the group’s waited for the next');
      s.started[2].finish();
      assert.equal(await older, 1);
    });

    test('a finished computation is never joined, whatever the snapshot', async () => {
      const c = new Coalescer<number>();
      const s = controllable();
      const first = c.run('k', s.compute, 'snap-1');
      s.started[0].finish();
      await first;
      await tick();
      void c.run('k', s.compute, 'snap-1');
      assert.equal(s.started.length, 2);
    });
  });
});

