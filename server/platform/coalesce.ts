// Read coalescing: identical reads that arrive together are answered by one computation, without ever
// answering from the past. A read joins only a computation that has NOT STARTED yet, so whatever a
// caller receives was read after its request arrived: a client that wrote and then reads always sees
// its write (there is no cache, nothing to expire or invalidate). At most `inFlight` computations run
// per key; a read arriving while they all run waits for the next one, which starts when one ends and
// answers every read that queued meanwhile. Under a burst of identical reads the work is bounded by
// the key's in-flight limit instead of growing with the number of readers; a lone read starts at once.
//
// One exception keeps that promise while saving the wait: a read may join a computation ALREADY RUNNING
// when the database has committed nothing since before that computation started. Each read may bring
// the database's snapshot as its request saw it after arriving (`pg_current_snapshot()`, read with the
// caller's authentication, platform/auth/authenticate.ts); a group keeps a snapshot one of its readers
// saw before it started. Equal snapshots mean no transaction committed between the two moments (a
// commit removes its transaction from the snapshot's in-progress list or moves its horizon), so every
// statement of the running computation — started after the group's snapshot, before or after this read
// arrived — sees exactly what a computation started now would see. (What depends on the clock alone,
// such as "overdue", is judged at the computation's start: at most one computation's duration, tens
// of milliseconds, before the read arrived.) A read without a snapshot (inside a transaction, from a
// job) never joins a running one.
//
// The key must hold everything the result depends on (who asks, with which permissions, about what):
// two reads with the same key must be allowed the same answer.

interface Group<T> {
  promise: Promise<T>;
  start: () => void;
  /** A database snapshot one of the group's readers saw before the group started (see above). */
  snapshot?: string;
}

interface Slot<T> {
  running: number;
  next: Group<T> | null;
  /** The group started last, while it runs: the one a read with its snapshot may join. */
  current: Group<T> | null;
}

export class Coalescer<T> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(private readonly inFlight = 1) {}

  /**
   * `compute` runs when the group starts; reads joining the group get its result (or its error).
   * `snapshot`: the database snapshot the caller saw after its request arrived, if it has one.
   */
  run(key: string, compute: () => Promise<T>, snapshot?: string): Promise<T> {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { running: 0, next: null, current: null }));
    if (snapshot !== undefined && slot.current?.snapshot === snapshot) return slot.current.promise;
    if (slot.next) {
      // The latest snapshot a reader brings is still one seen before the group starts.
      if (snapshot !== undefined) slot.next.snapshot = snapshot;
      return slot.next.promise;
    }
    const group = this.group(key, slot, compute);
    group.snapshot = snapshot;
    if (slot.running < this.inFlight) group.start();
    else slot.next = group;
    return group.promise;
  }

  /** Keys with a computation running or waiting (for tests and metrics). */
  get activeKeys(): number {
    return this.slots.size;
  }

  private group(key: string, slot: Slot<T>, compute: () => Promise<T>): Group<T> {
    const group = {} as Group<T>;
    group.promise = new Promise<T>((resolve, reject) => {
      group.start = () => {
        slot.running++;
        // Started: reads arriving from now on form the next group (they must not get a result that
        // was read before they arrived).
        if (slot.next === group) slot.next = null;
        slot.current = group;
        let done: Promise<T>;
        try {
          done = compute();
        } catch (e) {
          done = Promise.reject(e);
        }
        done.then(resolve, reject).finally(() => {
          if (slot.current === group) slot.current = null;
          this.finished(key, slot);
        });
      };
    });
    return group;
  }

  private finished(key: string, slot: Slot<T>) {
    slot.running--;
    const waiting = slot.next;
    if (waiting) waiting.start();
    else if (!slot.running) this.slots.delete(key);
  }
}

/** One coalescer per running app (a process may hold several apps, e.g. in tests), made on first use. */
export function perApp<T>(inFlight = 1): (app: object) => Coalescer<T> {
  const made = new WeakMap<object, Coalescer<T>>();
  return (app) => {
    let c = made.get(app);
    if (!c) made.set(app, (c = new Coalescer<T>(inFlight)));
    return c;
  };
}
