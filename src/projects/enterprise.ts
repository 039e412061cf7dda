/**
 * Enterprises, talents and their 服务包 as records: what a new or edited one must satisfy. The
 * rules are the domain's; the store adds a unique index on what must be unique.
 */
import type { ErrorDetail } from '../errors.js';
import { describeCreditCodeProblem, findCreditCodeProblem, normaliseCreditCode } from './credit-code.js';
import type { Enterprise, ServicePackage, Talent } from './types.js';
import { ENTERPRISE_SIZES } from './types.js';

/**
 * Every problem of an enterprise record, each with its field path: a name, a valid
 * 统一社会信用代码 not held by another enterprise, a known size (or none). Empty when fine.
 * @example
 * checkEnterprise({ name: '星河生物科技有限公司', creditCode: '91330100MA2H0001XA', … }, [])
 * // [{ path: 'creditCode', message: '统一社会信用代码校验位应为“F”，填的是“A”' }]
 */
export function checkEnterprise(
  enterprise: Omit<Enterprise, 'id'> & { id?: number },
  others: readonly Pick<Enterprise, 'id' | 'creditCode' | 'name'>[],
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!enterprise.name.trim()) problems.push({ path: 'name', message: 'an enterprise needs its name' });
  const problem = findCreditCodeProblem(enterprise.creditCode);
  if (problem)
    problems.push({ path: 'creditCode', message: `统一社会信用代码${describeCreditCodeProblem(problem)}` });
  else {
    const code = normaliseCreditCode(enterprise.creditCode);
    const holder = others.find((o) => o.creditCode === code && o.id !== enterprise.id);
    if (holder)
      problems.push({ path: 'creditCode', message: `${code} is already the code of "${holder.name}"` });
  }
  if (enterprise.size !== null && !ENTERPRISE_SIZES.includes(enterprise.size))
    problems.push({ path: 'size', message: `size must be one of ${ENTERPRISE_SIZES.join('、')}` });
  return problems;
}

/** Every problem of a talent record: a name, a category, a field. */
export function checkTalent(talent: Omit<Talent, 'id'>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!talent.name.trim()) problems.push({ path: 'name', message: 'a talent needs a name' });
  if (!talent.category.trim())
    problems.push({ path: 'category', message: 'a talent needs a category (人才类别)' });
  return problems;
}

/**
 * Every problem of a 服务包: a 服务管家, a year, and one package per holder per year.
 * @example
 * checkServicePackage({ holder: { kind: 'enterprise', id: 1 }, year: 2024, butler: '周管家' }, existing)
 * // [{ path: 'holder', message: 'the holder already has a 服务包 for 2024 (#1)' }]
 */
export function checkServicePackage(
  pkg: Omit<ServicePackage, 'id'> & { id?: number },
  existing: readonly ServicePackage[],
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!pkg.butler.trim()) problems.push({ path: 'butler', message: 'a 服务包 needs its 服务管家' });
  if (!Number.isInteger(pkg.year) || pkg.year < 2000 || pkg.year > 2200)
    problems.push({ path: 'year', message: `not a year: ${pkg.year}` });
  const twin = existing.find(
    (p) =>
      p.id !== pkg.id &&
      p.year === pkg.year &&
      p.holder.kind === pkg.holder.kind &&
      p.holder.id === pkg.holder.id,
  );
  if (twin)
    problems.push({
      path: 'holder',
      message: `the holder already has a 服务包 for ${pkg.year} (#${twin.id})`,
    });
  return problems;
}
