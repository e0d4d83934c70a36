// Phase 3 of the generator: the audit trail (SEC-04) as a valid hash chain. Entries are built in Node
// from the same closed-form plan as the tables (each names a real hazard, inspection or person), hashed
// with Anbao's own chainHash (server/platform/audit/chain.ts, so `anbao verify-audit` recomputes the
// same bytes), and streamed with COPY on PostgreSQL or inserted in chunks on PGlite.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Executor } from '../../server/db/client.ts';
import { canonicalJsonText } from '../../server/db/canonical-json.ts';
import { auditEvents } from '../../server/db/schema/index.ts';
import { type AuditRow, chainHash } from '../../server/platform/audit/chain.ts';
import { branchName, HAZARD_TITLES, personName, type Plan, uid } from './plan.ts';

const STEPS = [
  { action: 'hazards.report', from: null, to: 'reported' },
  { action: 'hazards.assess', from: 'reported', to: 'assessed' },
  { action: 'hazards.issue_notice', from: 'assessed', to: 'rectifying' },
  { action: 'hazards.submit_rectification', from: 'rectifying', to: 'rectified' },
  { action: 'hazards.verify', from: 'rectified', to: 'closed' },
] as const;
const INSPECTION_STEPS = ['inspections.start', 'inspections.result', 'inspections.sign', 'inspections.submit'] as const;
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export interface ChainStart {
  /** Next id and seq, and the head hash to chain from. */
  id: number;
  seq: number;
  prevHash: string;
  from: Date;
  now: Date;
  year: number;
}

/** The unit of person k (plan.ts: unit (k - 1) % units). */
function unitOrg(plan: Plan, k: number): string {
  if (k === 0) return uid('org-root', 0);
  const u = (k - 1) % plan.units;
  if (u < plan.branches) return uid('org-branch', u);
  if (u < plan.branches + plan.depts) return uid('org-dept', u - plan.branches);
  return uid('org-pdept', u - plan.branches - plan.depts);
}

/** Entry k of the synthetic trail: 20 of 25 are hazard steps, 4 inspection steps, 1 a sign-in. */
export function entry(plan: Plan, k: number, start: ChainStart): AuditRow {
  const A = plan.s.auditEntries;
  const C = plan.s.counties;
  const r = k % 25;
  const q = Math.floor(k / 25);
  const at = new Date(start.from.getTime() + Math.floor((k * (start.now.getTime() - start.from.getTime())) / A));
  let actor: number;
  let e: Pick<AuditRow, 'action' | 'targetType' | 'targetId' | 'targetLabel' | 'orgId' | 'changes' | 'detail'>;
  if (r < 20) {
    const h = (q * 4 + (r % 4)) % plan.s.hazards;
    const b = plan.hazardBranch(h);
    const step = STEPS[Math.floor(r / 4)];
    actor = step.action === 'hazards.report' ? plan.branchStaff(b, h) : step.action === 'hazards.submit_rectification' ? plan.branchHead(b) : plan.countyOfficer(b % C, h);
    e = {
      action: step.action,
      targetType: 'hazard',
      targetId: uid('hz', h),
      targetLabel: `${plan.hazardNumber(h, start.year)} ${HAZARD_TITLES[h % HAZARD_TITLES.length]}`,
      orgId: uid('org-branch', b),
      changes: step.from ? { status: [step.from, step.to] } : null,
      detail: step.action === 'hazards.report' ? { category: 'physical', source: 'patrol', grade: null, inspectionId: null, attachments: 0 } : { note: '按期办理' },
    };
  } else if (r < 24) {
    const j = q % plan.s.inspections;
    const b = j % plan.branches;
    actor = plan.countyOfficer(j % C, j);
    const action = INSPECTION_STEPS[r - 20];
    e = {
      action,
      targetType: 'inspection',
      targetId: uid('ins', j),
      targetLabel: `${plan.inspectionNumber(j, start.year)} ${branchName(b, C)}`,
      orgId: uid('org-branch', b),
      changes: action === 'inspections.submit' ? { status: ['in_progress', 'submitted'] } : action === 'inspections.start' ? { status: ['planned', 'in_progress'] } : null,
      detail: action === 'inspections.sign' ? { role: 'inspector', method: 'account' } : action === 'inspections.submit' ? { failed: 0, hazards: [], summary: null } : null,
    };
  } else {
    actor = q % plan.s.people;
    e = { action: 'auth.login', targetType: 'user', targetId: uid('user', actor), targetLabel: personName(actor), orgId: unitOrg(plan, actor), changes: null, detail: { method: 'password' } };
  }
  return {
    id: start.id + k,
    occurredAt: at,
    actorType: 'user',
    actorId: uid('user', actor),
    actorName: personName(actor),
    tokenId: null,
    ip: `10.${(actor >> 16) & 255}.${(actor >> 8) & 255}.${actor & 255}`,
    userAgent: UA,
    result: 'success',
    requestId: `bench-${k.toString(36)}`,
    seq: null,
    prevHash: null,
    hash: null,
    sealedAt: null,
    ...e,
  } as AuditRow;
}

/** The sealed rows in order, each chained to the previous one. */
function* sealedRows(plan: Plan, start: ChainStart): Generator<AuditRow> {
  let prev = start.prevHash;
  for (let k = 0; k < plan.s.auditEntries; k++) {
    const e = entry(plan, k, start);
    const seq = start.seq + k;
    const hash = chainHash(prev, e, seq);
    yield { ...e, seq, prevHash: prev, hash, sealedAt: e.occurredAt };
    prev = hash;
  }
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
// json (changes, detail) in the canonical text the audit columns store (server/db/schema/audit.ts).
const cell = (v: unknown) => (v === null || v === undefined ? '\\N' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? esc(canonicalJsonText(v)) : esc(String(v)));
const COLUMNS = ['id', 'occurred_at', 'actor_type', 'actor_id', 'actor_name', 'token_id', 'org_id', 'ip', 'user_agent', 'action', 'target_type', 'target_id', 'target_label', 'result', 'changes', 'detail', 'request_id', 'seq', 'prev_hash', 'hash', 'sealed_at'];
const line = (e: AuditRow) =>
  [e.id, e.occurredAt, e.actorType, e.actorId, e.actorName, e.tokenId, e.orgId, e.ip, e.userAgent, e.action, e.targetType, e.targetId, e.targetLabel, e.result, e.changes, e.detail, e.requestId, e.seq, e.prevHash, e.hash, e.sealedAt].map(cell).join('\t') + '\n';

/** PostgreSQL: one COPY of the whole chain. Returns the head hash. */
export async function copyChain(client: pg.PoolClient | pg.Client, plan: Plan, start: ChainStart, onProgress: (n: number) => void): Promise<string> {
  let head = start.prevHash;
  let n = 0;
  async function* chunks() {
    let buf: string[] = [];
    for (const e of sealedRows(plan, start)) {
      buf.push(line(e));
      head = e.hash!;
      if (buf.length === 2000) {
        n += buf.length;
        if (n % 500_000 === 0) onProgress(n);
        yield buf.join('');
        buf = [];
        // Let the other connection's results in: this loop would otherwise keep the event loop to itself.
        await new Promise((r) => setImmediate(r));
      }
    }
    if (buf.length) yield buf.join('');
  }
  const stream = client.query(copyFrom(`COPY audit_events (${COLUMNS.join(', ')}) FROM STDIN`)) as unknown as Writable;
  await pipeline(Readable.from(chunks()), stream);
  return head;
}

/** PGlite (county scale): chunked inserts. Returns the head hash. */
export async function insertChain(ex: Executor, plan: Plan, start: ChainStart): Promise<string> {
  let head = start.prevHash;
  let buf: AuditRow[] = [];
  const flush = async () => {
    if (buf.length) await ex.insert(auditEvents).values(buf);
    buf = [];
  };
  for (const e of sealedRows(plan, start)) {
    buf.push(e);
    head = e.hash!;
    if (buf.length === 500) await flush();
  }
  await flush();
  return head;
}
