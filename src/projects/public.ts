/**
 * What the public may see of 服务包 and 企业诉求: counts only. Enterprise and talent data (names,
 * credit codes, addresses, the 服务管家, the text of a commitment or request, the units and days
 * of single cases) is never public; this view is built from counts and nothing else, so there is
 * no field a name could travel in.
 */
import { endOfBeijingDay } from '../requests/calendar.js';
import { deriveFulfilment, isCommitmentOverdue } from './service.js';
import type {
  Commitment,
  CommitmentKind,
  CommitmentState,
  EnterpriseRequest,
  ServicePackage,
} from './types.js';
import { COMMITMENT_KINDS, COMMITMENT_STATES } from './types.js';

export interface PublicServiceView {
  year: number;
  asOf: string;
  packages: { total: number; enterprise: number; talent: number; fulfilled: number };
  commitments: {
    total: number;
    byKind: Record<CommitmentKind, number>;
    byState: Record<CommitmentState, number>;
    overdue: number;
  };
  requests: { received: number; closed: number; satisfied: number; rated: number };
}

/**
 * The public counts of a year's 服务包 and of the enterprise requests received in that year,
 * as of `asOf` (a date).
 * @example
 * derivePublicServiceView({ packages, commitments, requests, year: 2024, asOf: '2024-12-31' }).packages.fulfilled // 3
 */
export function derivePublicServiceView(input: {
  packages: readonly ServicePackage[];
  commitments: readonly Commitment[];
  requests: readonly EnterpriseRequest[];
  year: number;
  asOf: string;
}): PublicServiceView {
  const { year, asOf } = input;
  const packages = input.packages.filter((p) => p.year === year);
  const ids = new Set(packages.map((p) => p.id));
  const commitments = input.commitments.filter((c) => ids.has(c.packageId));
  const fulfilment = deriveFulfilment(packages, commitments, year, asOf);
  const byKind = Object.fromEntries(COMMITMENT_KINDS.map((k) => [k, 0])) as Record<CommitmentKind, number>;
  const byState = Object.fromEntries(COMMITMENT_STATES.map((s) => [s, 0])) as Record<CommitmentState, number>;
  let overdue = 0;
  for (const c of commitments) {
    byKind[c.kind]++;
    byState[c.state]++;
    if (isCommitmentOverdue(c, asOf)) overdue++;
  }
  // Beijing year of the intake, as the hotline counts (UTC+8).
  const yearOf = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000).getUTCFullYear();
  const until = Date.parse(endOfBeijingDay(asOf));
  const requests = input.requests.filter(
    (r) => yearOf(r.receivedAt) === year && Date.parse(r.receivedAt) < until,
  );
  // The current status, counted only when the request closed by the day.
  const closed = requests.filter(
    (r) => r.status === 'closed' && r.closedAt !== null && Date.parse(r.closedAt) < until,
  );
  return {
    year,
    asOf,
    packages: {
      total: packages.length,
      enterprise: packages.filter((p) => p.holder.kind === 'enterprise').length,
      talent: packages.filter((p) => p.holder.kind === 'talent').length,
      fulfilled: fulfilment.fulfilled,
    },
    commitments: { total: commitments.length, byKind, byState, overdue },
    requests: {
      received: requests.length,
      closed: closed.length,
      satisfied: closed.filter((r) => r.satisfaction === '满意' || r.satisfaction === '基本满意').length,
      rated: closed.filter((r) => r.satisfaction !== null).length,
    },
  };
}
