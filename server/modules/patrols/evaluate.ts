// PAT-02: what a patrol's scans prove, computed from the route's checkpoints (in order), the scans and
// the org's settings. Pure: the same function gives the live view of a patrol in progress and the
// result stored when it is finished.
//   missed      — a checkpoint never scanned;
//   late        — first scanned after its window (minutes from the start of the patrol);
//   outOfOrder  — first scanned before a checkpoint that comes earlier on the route (allowed, shown);
//   flags       — "impossible patterns": the same checkpoint scanned repeatScanCount times within
//                 repeatScanMinutes, or two consecutive scans of different checkpoints closer than
//                 minSecondsBetweenCheckpoints (nobody walks that fast).

export interface CheckpointRef {
  id: string;
  seq: number;
  name: string;
  windowMinutes: number;
}

export interface ScanRef {
  checkpointId: string;
  scannedAt: Date;
}

export interface EvaluationSettings {
  minSecondsBetweenCheckpoints: number;
  repeatScanCount: number;
  repeatScanMinutes: number;
}

export type CheckpointStatus = 'ok' | 'late' | 'missed' | 'pending';

export interface CheckpointOutcome {
  checkpointId: string;
  seq: number;
  name: string;
  windowMinutes: number;
  dueAt: string | null;
  firstScanAt: string | null;
  scans: number;
  status: CheckpointStatus;
  outOfOrder: boolean;
}

export interface PatternFlag {
  kind: 'repeated_scans' | 'too_fast';
  checkpointId: string;
  /** too_fast: the checkpoint scanned just before. */
  previousCheckpointId: string | null;
  /** repeated_scans: how many scans within the window; too_fast: seconds between the two scans. */
  value: number;
  at: string;
}

export interface Evaluation {
  checkpoints: CheckpointOutcome[];
  flags: PatternFlag[];
  missed: number;
  late: number;
}

/**
 * `finished`: the patrol is over, so an unscanned checkpoint is missed (while in progress it is
 * pending until its window has passed at `now`).
 */
export function evaluatePatrol(checkpoints: CheckpointRef[], scans: ScanRef[], startedAt: Date | null, s: EvaluationSettings, opts: { finished: boolean; now: Date }): Evaluation {
  const ordered = [...scans].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime());
  const first = new Map<string, Date>();
  const count = new Map<string, number>();
  for (const sc of ordered) {
    if (!first.has(sc.checkpointId)) first.set(sc.checkpointId, sc.scannedAt);
    count.set(sc.checkpointId, (count.get(sc.checkpointId) ?? 0) + 1);
  }
  const bySeq = [...checkpoints].sort((a, b) => a.seq - b.seq);
  const outcomes: CheckpointOutcome[] = bySeq.map((c, i) => {
    const f = first.get(c.id) ?? null;
    const due = startedAt ? new Date(startedAt.getTime() + c.windowMinutes * 60_000) : null;
    let status: CheckpointStatus;
    if (f) status = due && f.getTime() > due.getTime() ? 'late' : 'ok';
    else if (opts.finished || (due && opts.now.getTime() > due.getTime())) status = 'missed';
    else status = 'pending';
    // Out of order: first scanned before a checkpoint that comes earlier on the route.
    const outOfOrder = !!f && bySeq.slice(0, i).some((e) => (first.get(e.id)?.getTime() ?? -Infinity) > f.getTime());
    return { checkpointId: c.id, seq: c.seq, name: c.name, windowMinutes: c.windowMinutes, dueAt: due?.toISOString() ?? null, firstScanAt: f?.toISOString() ?? null, scans: count.get(c.id) ?? 0, status, outOfOrder };
  });

  const flags: PatternFlag[] = [];
  // Repeated scans of one checkpoint: any repeatScanCount scans within repeatScanMinutes (flagged once per checkpoint).
  const byCp = new Map<string, Date[]>();
  for (const sc of ordered) byCp.set(sc.checkpointId, [...(byCp.get(sc.checkpointId) ?? []), sc.scannedAt]);
  for (const [cp, times] of byCp) {
    for (let i = 0; i + s.repeatScanCount - 1 < times.length; i++) {
      const last = times[i + s.repeatScanCount - 1];
      if (last.getTime() - times[i].getTime() <= s.repeatScanMinutes * 60_000) {
        let n = s.repeatScanCount;
        while (i + n < times.length && times[i + n].getTime() - times[i].getTime() <= s.repeatScanMinutes * 60_000) n++;
        flags.push({ kind: 'repeated_scans', checkpointId: cp, previousCheckpointId: null, value: n, at: last.toISOString() });
        break;
      }
    }
  }
  // Consecutive scans of different checkpoints faster than walking allows.
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1];
    const b = ordered[i];
    if (a.checkpointId === b.checkpointId) continue;
    const secs = Math.floor((b.scannedAt.getTime() - a.scannedAt.getTime()) / 1000);
    if (secs < s.minSecondsBetweenCheckpoints) flags.push({ kind: 'too_fast', checkpointId: b.checkpointId, previousCheckpointId: a.checkpointId, value: secs, at: b.scannedAt.toISOString() });
  }
  return { checkpoints: outcomes, flags, missed: outcomes.filter((o) => o.status === 'missed').length, late: outcomes.filter((o) => o.status === 'late').length };
}
