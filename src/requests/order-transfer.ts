/**
 * 职责划转 (机构改革): moving an order from a unit merged away to its successor, as lead and as
 * co-unit, in any status (order.ts `transferred`, applied by the system on a unit merge).
 */
import { AppError } from '../errors.js';
import type { CoUnit, OrderEventInput, WorkOrder } from './types.js';

function refuse(code: 'CONFLICT' | 'BAD_INPUT', message: string, path: string): never {
  throw new AppError(code, message, [{ path, message }]);
}

/**
 * 职责划转: the successor takes the merged unit's place as lead and as co-unit. A co-unit that
 * now leads is dropped (the lead does its part); two co-unit entries become the successor's
 * one, with whatever either had done. Status, deadlines and rules stay as they were.
 */
export function transfer(
  order: WorkOrder,
  input: Extract<OrderEventInput, { type: 'transferred' }>,
): WorkOrder {
  const { fromUnitId: from, toUnitId: to } = input;
  if (from === to) refuse('BAD_INPUT', '划转前后不能是同一单位', 'toUnitId');
  if (!input.reason.trim()) refuse('BAD_INPUT', '请说明划转理由', 'reason');
  const moved = order.coUnits.find((c) => c.unitId === from);
  if (order.leadUnitId !== from && !moved) refuse('CONFLICT', `工单未涉及单位 ${from}`, 'fromUnitId');
  const leadUnitId = order.leadUnitId === from ? to : order.leadUnitId;
  const hadOwn = order.coUnits.some((c) => c.unitId === to);
  const coUnits = order.coUnits
    .flatMap((c): CoUnit[] => {
      // The successor's own entry stays (with what either did), the merged unit's goes.
      if (c.unitId === from) return hadOwn ? [] : [{ ...c, unitId: to }];
      if (c.unitId === to && moved) {
        return [
          { ...c, signedAt: c.signedAt ?? moved.signedAt, reportedAt: c.reportedAt ?? moved.reportedAt },
        ];
      }
      return [c];
    })
    .filter((c) => c.unitId !== leadUnitId);
  return { ...order, leadUnitId, coUnits };
}
