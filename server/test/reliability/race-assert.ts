// Assertions shared by the race suites (DESIGN §5): what many requests at once on one record must
// have answered.
import assert from 'node:assert/strict';
import type { Res } from '../harness.ts';

/** Exactly one 2xx (with `status`); every other answer is 409 with one of `codes`. Returns the winner's index. */
export function oneWinner(rs: Res[], codes: string[] = ['VERSION_CONFLICT'], status = 200): number {
  const winners = rs.flatMap((r, i) => (r.status >= 200 && r.status < 300 ? [i] : []));
  assert.equal(winners.length, 1, `exactly one winner, got ${winners.length}: ${JSON.stringify(rs.map((r) => [r.status, r.body?.error?.code]))}`);
  assert.equal(rs[winners[0]].status, status, JSON.stringify(rs[winners[0]].body));
  for (const [i, r] of rs.entries()) {
    if (i === winners[0]) continue;
    assert.equal(r.status, 409, JSON.stringify(r.body));
    assert.ok(codes.includes(r.body.error.code), `a refusal of ${codes.join(' / ')}, got ${r.body.error.code}`);
  }
  return winners[0];
}

/** Every answer 200, one ran and the rest replayed the very same body (request-ctx.ts). */
export function oneRanRestReplayed(rs: Res[], status = 200): void {
  for (const r of rs) assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(rs.filter((r) => r.headers['idempotent-replayed'] === 'true').length, rs.length - 1, 'one ran, the rest replayed');
  for (const r of rs) assert.deepEqual(r.body, rs[0].body);
}
