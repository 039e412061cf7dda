import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { addCatalogueVersion, deriveDispatchRules } from './catalogue.js';
import { assertMediaAllowed, deriveStoredMediaName, sniffMediaType } from './media.js';
import { applyEvent, receiveOrder, replayOrder } from './order.js';
import type { Applied } from './order.js';
import type { OrderEvent, OrderEventInput, OrderIntake, RequestActor, WorkOrder } from './types.js';
import {
  CHANGPING,
  CHANGPING_CATALOGUE,
  CHANGPING_CATALOGUE_ROWS,
  CHANGPING_UNITS,
} from '../../test/fixtures/changping-requests.js';

const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const water: RequestActor = { userId: 2, role: 'unit', unitIds: [203] };
const street: RequestActor = { userId: 3, role: 'unit', unitIds: [103] }; // 回龙观街道
const wages: RequestActor = { userId: 4, role: 'unit', unitIds: [204] };

const T0 = '2024-07-01T02:00:00.000Z'; // Mon 10:00 Beijing
const intake: OrderIntake = {
  source: 'hotline',
  text: '回龙观西大街与龙锦三街路口积水很深，车辆无法通行',
  category: '积水',
  location: { address: '回龙观西大街与龙锦三街路口', area: '回龙观街道', community: '龙腾苑社区' },
  contact: { name: '王先生', phone: '13800000000' },
};

function receive(
  overrides: Partial<OrderIntake> = {},
  now = T0,
  recent: Parameters<typeof receiveOrder>[1]['recent'] = [],
): Applied {
  return receiveOrder(
    { ...intake, ...overrides },
    { id: 7, now, actor: center, catalogue: CHANGPING_CATALOGUE, jurisdiction: CHANGPING, recent },
  );
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** Applies a list of steps, collecting events. */
function run(
  order: WorkOrder,
  steps: [OrderEventInput, RequestActor, string][],
): { order: WorkOrder; events: OrderEvent[] } {
  const events: OrderEvent[] = [];
  let current = order;
  for (const [input, actor, now] of steps) {
    const applied = applyEvent(current, input, actor, now);
    current = applied.order;
    events.push(applied.event);
  }
  return { order: current, events };
}

function dispatchInput(
  category: string,
  leadUnitId: number,
  at = T0,
  coUnits: number[] = [],
): OrderEventInput {
  const rules = deriveDispatchRules(CHANGPING_CATALOGUE, category, at);
  return { type: 'dispatched', leadUnitId, coUnits: coUnits.map((unitId) => ({ unitId })), ...rules };
}

describe('receiveOrder', () => {
  it('takes a request in with status received, its dedupe key and the first event', () => {
    const { order, event } = receive();
    expect(order.status).toBe('received');
    expect(order.version).toBe(1);
    expect(order.privacy).toEqual({ anonymousToPublic: true, anonymousToUnit: false });
    expect(order.dedupeKey).toMatch(/^[0-9a-f]{16}$/);
    expect(event).toMatchObject({ type: 'received', seq: 1, orderId: 7, at: T0, category: '积水' });
  });

  it('refuses a request with no text', () => {
    const e = errorOf(() => receive({ text: '  \n ' }));
    expect([e.code, e.details[0]?.path]).toEqual(['BAD_INPUT', 'text']);
  });

  it('refuses an unknown category', () => {
    const e = errorOf(() => receive({ category: '外星人' }));
    expect([e.code, e.details[0]?.path]).toEqual(['BAD_INPUT', 'category']);
  });

  it('refuses a place outside the jurisdiction, and a community of another area', () => {
    expect(
      errorOf(() => receive({ location: { address: '中关村大街1号', area: '海淀街道' } })).details[0]?.path,
    ).toBe('location.area');
    expect(
      errorOf(() => receive({ location: { address: 'x', area: '城北街道', community: '龙腾苑社区' } }))
        .details[0]?.path,
    ).toBe('location.community');
  });

  it('refuses the same submission twice within a second, accepts it after', () => {
    const first = receive();
    const recent = [{ orderId: 7, dedupeKey: first.order.dedupeKey, receivedAt: T0 }];
    expect(errorOf(() => receive({}, '2024-07-01T02:00:00.999Z', recent)).code).toBe('CONFLICT');
    expect(receive({}, '2024-07-01T02:00:01.000Z', recent).order.status).toBe('received');
    // A different text is another request.
    expect(receive({ text: '另一处积水' }, '2024-07-01T02:00:00.500Z', recent).order.status).toBe('received');
  });

  it('refuses media of a type not accepted', () => {
    const e = errorOf(() =>
      receive({ media: [{ ref: 'm1', contentType: 'application/x-msdownload', bytes: 10 }] }),
    );
    expect([e.code, e.details[0]?.path]).toEqual(['BAD_INPUT', 'media.0']);
  });
});

describe('deriveStoredMediaName', () => {
  it('drops bidi and zero-width characters before judging the extension (issue 12.9)', () => {
    expect(deriveStoredMediaName('现场\u200b照片\u2066.jpg', 'image/jpeg')).toBe('现场照片.jpg');
    // 「照片\u202Egpj.exe」 reads as 照片exe.jpg; without the override it says .exe.
    expect(errorOf(() => deriveStoredMediaName('照片\u202egpj.exe', 'image/jpeg')).code).toBe('BAD_INPUT');
    expect(deriveStoredMediaName(`${'长'.repeat(300)}.jpg`, 'image/jpeg')).toHaveLength(114);
  });
});

describe('assertMediaAllowed', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
  it('sniffs the type from the first bytes', () => {
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeUndefined();
  });
  it('refuses a PNG disguised as a JPEG and an oversized file', () => {
    expect(errorOf(() => assertMediaAllowed({ contentType: 'image/jpeg', bytes: 100 }, png)).message).toMatch(
      /不符/,
    );
    expect(
      errorOf(() => assertMediaAllowed({ contentType: 'image/png', bytes: 21 * 1024 * 1024 }, png)).code,
    ).toBe('TOO_LARGE');
    expect(() => assertMediaAllowed({ contentType: 'image/png', bytes: 100 }, png)).not.toThrow();
  });
});

describe('applyEvent', () => {
  it('runs a whole life: dispatch with natural-hour deadlines, sign, contact, reply, close, satisfied follow-up', () => {
    const { order } = run(receive().order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, '2024-07-01T02:30:00.000Z'],
      [{ type: 'contacted', unitId: 203 }, water, '2024-07-01T03:00:00.000Z'],
      [
        { type: 'replied', unitId: 203, text: '已抽排积水，疏通雨水口', publicNote: '已抽排积水' },
        water,
        '2024-07-02T08:00:00.000Z',
      ],
      [{ type: 'closed' }, center, '2024-07-02T09:00:00.000Z'],
      [
        { type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '满意' },
        center,
        '2024-07-03T02:00:00.000Z',
      ],
    ]);
    expect(order.status).toBe('closed');
    expect(order.version).toBe(7);
    expect(order.deadlines?.sign.due).toBe('2024-07-01T03:00:00.000Z');
    expect(order.deadlines?.contact.due).toBe('2024-07-01T06:00:00.000Z');
    expect(order.deadlines?.finish.due).toBe('2024-07-04T02:00:00.000Z');
    expect(order.catalogueVersion).toBe(1);
    expect(order.followUps).toEqual([
      {
        at: '2024-07-03T02:00:00.000Z',
        reached: true,
        contacted: true,
        resolved: true,
        satisfaction: '满意',
      },
    ]);
    expect(order.publicNote).toBe('已抽排积水');
  });

  it('counts working-day deadlines over 国庆: 物业 dispatched Mon 2024-09-30 must finish by end of 10-16', () => {
    const { order } = run(
      receive({ category: '物业', text: '电梯坏了一周无人修' }, '2024-09-30T02:00:00.000Z').order,
      [[dispatchInput('物业', 103, '2024-09-30T02:00:00.000Z'), center, '2024-09-30T02:00:00.000Z']],
    );
    // 7 working days after 09-30: 10-08, 09, 10, 11, 12 (Saturday make-up day), 14, 15 (13 is a Sunday).
    expect(order.deadlines?.finish.due).toBe('2024-10-15T16:00:00.000Z');
    expect(order.deadlines?.contact.due).toBe('2024-10-08T16:00:00.000Z');
  });

  it('refuses closing before the unit signs, leaving the order intact', () => {
    const dispatched = applyEvent(receive().order, dispatchInput('积水', 203), center, T0).order;
    const before = structuredClone(dispatched);
    const e = errorOf(() => applyEvent(dispatched, { type: 'closed' }, center, T0));
    expect([e.code, e.message]).toEqual(['CONFLICT', '单位签收前不能结案']);
    expect(dispatched).toEqual(before);
  });

  it('refuses a unit acting on an order it does not hold', () => {
    const dispatched = applyEvent(receive().order, dispatchInput('积水', 203), center, T0).order;
    expect(errorOf(() => applyEvent(dispatched, { type: 'signed', unitId: 103 }, street, T0)).code).toBe(
      'FORBIDDEN',
    );
    // Claiming to act for a unit the user does not belong to.
    expect(errorOf(() => applyEvent(dispatched, { type: 'signed', unitId: 203 }, street, T0)).code).toBe(
      'FORBIDDEN',
    );
    // A unit cannot do the centre's work.
    expect(errorOf(() => applyEvent(dispatched, { type: 'closed' }, water, T0)).code).toBe('FORBIDDEN');
  });

  it('refuses a designated unit (拖欠工资 → 人社局) returning the order', () => {
    const order = run(receive({ category: '拖欠工资', text: '工地拖欠农民工工资三个月' }).order, [
      [dispatchInput('拖欠工资', 204), center, T0],
    ]).order;
    expect(order.designated).toBe(true);
    const e = errorOf(() =>
      applyEvent(order, { type: 'objection_raised', unitId: 204, reason: 'not_ours', note: '' }, wages, T0),
    );
    expect([e.code, e.message]).toEqual(['FORBIDDEN', '指定单位不能退单']);
  });

  it('returns an order on an accepted 退单 and lets the centre redispatch it with fresh deadlines', () => {
    const t1 = '2024-07-01T03:00:00.000Z';
    const { order } = run(receive({ category: '噪声', text: '夜间施工噪音扰民' }).order, [
      [dispatchInput('噪声', 103), center, T0],
      [{ type: 'objection_raised', unitId: 103, reason: 'outside_area', note: '属城北街道' }, street, T0],
      [{ type: 'objection_decided', accepted: true, reason: 'outside_area' }, center, t1],
      [{ type: 'redispatched', leadUnitId: 101, coUnits: [], designated: false }, center, t1],
    ]);
    expect(order.status).toBe('dispatched');
    expect(order.leadUnitId).toBe(101);
    expect(order.deadlines?.sign.from).toBe(t1);
    expect(order.deadlines?.sign.due).toBe('2024-07-01T05:00:00.000Z');
  });

  it('puts a refused 退单 back where it was', () => {
    const { order } = run(receive({ category: '噪声', text: '夜间施工噪音扰民' }).order, [
      [dispatchInput('噪声', 103), center, T0],
      [{ type: 'signed', unitId: 103 }, street, T0],
      [{ type: 'objection_raised', unitId: 103, reason: 'not_ours', note: '' }, street, T0],
      [{ type: 'objection_decided', accepted: false, reason: 'not_ours' }, center, T0],
    ]);
    expect([order.status, order.leadUnitId, order.pendingObjection]).toEqual(['signed', 103, null]);
  });

  it('refuses an extension requested after the finish deadline', () => {
    const signed = run(receive().order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
    ]).order;
    const late = '2024-07-04T02:00:00.001Z';
    const e = errorOf(() =>
      applyEvent(
        signed,
        { type: 'extension_requested', unitId: 203, until: '2024-07-10T00:00:00Z', reason: '需协调' },
        water,
        late,
      ),
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/已过/);
  });

  it('moves the finish deadline on an approved extension, or pauses its clock', () => {
    const signed = run(receive().order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
      [
        { type: 'extension_requested', unitId: 203, until: '2024-07-10T00:00:00Z', reason: '需更换管线' },
        water,
        '2024-07-02T00:00:00Z',
      ],
    ]).order;
    expect(signed.pendingExtension?.until).toBe('2024-07-10T00:00:00.000Z');
    const moved = applyEvent(
      signed,
      { type: 'extension_decided', approved: true, mode: 'move' },
      center,
      '2024-07-02T01:00:00Z',
    ).order;
    expect(moved.deadlines?.finish.due).toBe('2024-07-10T00:00:00.000Z');
    const paused = applyEvent(
      signed,
      {
        type: 'extension_decided',
        approved: true,
        mode: 'pause',
        pause: { from: '2024-07-02T00:00:00Z', to: '2024-07-03T12:00:00Z' },
      },
      center,
      '2024-07-02T01:00:00Z',
    ).order;
    // 72 h from 07-01 02:00 → 07-04 02:00, plus 36 h paused.
    expect(paused.deadlines?.finish.due).toBe('2024-07-05T14:00:00.000Z');
    const refused = applyEvent(
      signed,
      { type: 'extension_decided', approved: false },
      center,
      '2024-07-02T01:00:00Z',
    ).order;
    expect([refused.deadlines?.finish.due, refused.pendingExtension]).toEqual([
      '2024-07-04T02:00:00.000Z',
      null,
    ]);
  });

  it('gives co-units their own deadline and makes the lead wait for their report (条例 §14)', () => {
    let order = run(receive().order, [
      [dispatchInput('积水', 203, T0, [103]), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
      [{ type: 'contacted', unitId: 203 }, water, T0],
    ]).order;
    expect(order.coUnits).toEqual([
      {
        unitId: 103,
        finish: {
          due: '2024-07-04T02:00:00.000Z',
          rule: { amount: 72, calendar: 'natural_hours' },
          from: T0,
        },
        signedAt: null,
        reportedAt: null,
      },
    ]);
    const e = errorOf(() => applyEvent(order, { type: 'replied', unitId: 203, text: '已处理' }, water, T0));
    expect(e.message).toBe('配合单位 103 尚未向牵头单位反馈');
    expect(
      errorOf(() => applyEvent(order, { type: 'replied', unitId: 103, text: '已清掏' }, street, T0)).message,
    ).toMatch(/签收后/);
    order = run(order, [
      [{ type: 'signed', unitId: 103 }, street, T0],
      [{ type: 'replied', unitId: 103, text: '已清掏雨水箅子' }, street, '2024-07-01T05:00:00.000Z'],
      [{ type: 'replied', unitId: 203, text: '已处理' }, water, '2024-07-01T06:00:00.000Z'],
    ]).order;
    expect([order.status, order.coUnits[0]?.reportedAt]).toEqual(['replied', '2024-07-01T05:00:00.000Z']);
  });

  it('reopens the order on an unresolved follow-up, to the same lead with new deadlines', () => {
    const tFollow = '2024-07-03T02:00:00.000Z';
    const { order } = run(receive().order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
      [{ type: 'contacted', unitId: 203 }, water, T0],
      [{ type: 'replied', unitId: 203, text: '已处理' }, water, T0],
      [{ type: 'closed' }, center, T0],
      [
        { type: 'followed_up', reached: true, contacted: true, resolved: false, satisfaction: '不满意' },
        center,
        tFollow,
      ],
    ]);
    expect([order.status, order.leadUnitId, order.reopenCount, order.signedAt]).toEqual([
      'dispatched',
      203,
      1,
      null,
    ]);
    expect(order.deadlines?.finish.due).toBe('2024-07-06T02:00:00.000Z');
    expect(order.followUps).toHaveLength(1);
  });

  /** Dispatched to 203, signed, contacted and answered: ready for the follow-up call. */
  const answered = (): [OrderEventInput, RequestActor, string][] => [
    [dispatchInput('积水', 203), center, T0],
    [{ type: 'signed', unitId: 203 }, water, T0],
    [{ type: 'contacted', unitId: 203 }, water, T0],
    [{ type: 'replied', unitId: 203, text: '已处理' }, water, T0],
  ];
  /** The hotline's follow-up call: the citizen reached, contacted by the unit. */
  const call = (
    resolved: boolean,
    satisfaction: string,
    at = T0,
  ): [OrderEventInput, RequestActor, string] => [
    { type: 'followed_up', reached: true, contacted: true, resolved, satisfaction } as OrderEventInput,
    center,
    at,
  ];

  it('takes the follow-up call before 结案, so the story reads 答复 → 回访 → 结案', () => {
    const { order, events } = run(receive().order, [
      ...answered(),
      call(true, '满意', '2024-07-03T02:00:00.000Z'),
      [{ type: 'closed' }, center, '2024-07-03T02:01:00.000Z'],
    ]);
    expect(order.status).toBe('closed');
    expect(events.map((e) => e.type).slice(-2)).toEqual(['followed_up', 'closed']);
    expect(order.followUps[0]?.resolved).toBe(true);
  });

  it('reopens an answered order the citizen says is not solved, without closing it first', () => {
    const { order } = run(receive().order, [...answered(), call(false, '不满意')]);
    expect([order.status, order.reopenCount, order.closedAt]).toEqual(['dispatched', 1, null]);
  });

  it('refuses a follow-up call before the unit has answered', () => {
    expect(() =>
      run(receive().order, [
        [dispatchInput('积水', 203), center, T0],
        [{ type: 'signed', unitId: 203 }, water, T0],
        call(true, '满意'),
      ]),
    ).toThrow('单位答复后才能回访');
  });

  it('does not reopen when the hotline could not reach the citizen', () => {
    const { order } = run(receive().order, [
      ...answered(),
      [{ type: 'closed' }, center, T0],
      [
        { type: 'followed_up', reached: false, contacted: true, resolved: false, satisfaction: null },
        center,
        T0,
      ],
    ]);
    expect(order.status).toBe('closed');
    expect(order.followUps[0]).toEqual({
      at: T0,
      reached: false,
      contacted: null,
      resolved: null,
      satisfaction: null,
    });
  });

  it('never changes the order it was given, also when the event succeeds', () => {
    const dispatched = applyEvent(receive().order, dispatchInput('积水', 203, T0, [103]), center, T0).order;
    const before = structuredClone(dispatched);
    const signed = applyEvent(dispatched, { type: 'signed', unitId: 103 }, street, T0).order;
    expect(dispatched).toEqual(before);
    expect(signed.coUnits[0]?.signedAt).toBe(T0);
  });

  it('refuses a clock that is not an instant, with BAD_INPUT rather than a RangeError', () => {
    const e = errorOf(() =>
      applyEvent(receive().order, { type: 'reminded', note: 'x' }, center, 'yesterday'),
    );
    expect([e.code, e.details[0]?.path]).toEqual(['BAD_INPUT', 'now']);
  });

  it('requires contacting the citizen before replying when the unit may see the contact', () => {
    const signed = run(receive().order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
    ]).order;
    expect(
      errorOf(() => applyEvent(signed, { type: 'replied', unitId: 203, text: '好' }, water, T0)).message,
    ).toBe('答复前须先联系市民');
  });
});

describe('extensions on a moved deadline', () => {
  it('adds a later pause on top of a deadline moved earlier', () => {
    let order = run(receive().order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
      [
        { type: 'extension_requested', unitId: 203, until: '2024-07-10T00:00:00Z', reason: '换管' },
        water,
        T0,
      ],
      [{ type: 'extension_decided', approved: true, mode: 'move' }, center, T0],
      [
        { type: 'extension_requested', unitId: 203, until: '2024-07-12T00:00:00Z', reason: '等待物料' },
        water,
        '2024-07-02T00:00:00Z',
      ],
    ]).order;
    // A 10-hour pause that starts before the rule's deadline (07-04 02:00) adds 10 hours to 07-10 00:00.
    order = applyEvent(
      order,
      {
        type: 'extension_decided',
        approved: true,
        mode: 'pause',
        pause: { from: '2024-07-02T00:00:00Z', to: '2024-07-02T10:00:00Z' },
      },
      center,
      '2024-07-02T01:00:00Z',
    ).order;
    expect(order.deadlines?.finish.due).toBe('2024-07-10T10:00:00.000Z');
  });
});

describe('applyEvent exempted', () => {
  it("records the centre's exemption with its reason, once, and refuses it from a unit", () => {
    const dispatched = applyEvent(receive().order, dispatchInput('积水', 203), center, T0).order;
    const exempt = applyEvent(dispatched, { type: 'exempted', reason: '诉求不合理' }, center, T0).order;
    expect(exempt.exemption).toEqual({ reason: '诉求不合理', at: T0 });
    expect(errorOf(() => applyEvent(exempt, { type: 'exempted', reason: '再次' }, center, T0)).code).toBe(
      'CONFLICT',
    );
    expect(errorOf(() => applyEvent(dispatched, { type: 'exempted', reason: 'x' }, water, T0)).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('replayOrder', () => {
  it('rebuilds the same order from its events', () => {
    const received = receive();
    const { order, events } = run(received.order, [
      [dispatchInput('积水', 203), center, T0],
      [{ type: 'signed', unitId: 203 }, water, T0],
      [{ type: 'reminded', note: '请尽快处理' }, center, T0],
      [{ type: 'supervised', note: '督办' }, { userId: 9, role: 'supervisor', unitIds: [] }, T0],
    ]);
    expect(replayOrder([received.event, ...events])).toEqual(order);
    expect(order.reminders + order.supervisions).toBe(2);
  });
  it('refuses a history out of order', () => {
    const received = receive();
    const { events } = run(received.order, [[dispatchInput('积水', 203), center, T0]]);
    expect(errorOf(() => replayOrder(events)).code).toBe('BAD_INPUT');
  });
});

describe('transferred (职责划转)', () => {
  const system: RequestActor = { userId: 1, role: 'system', unitIds: [] };
  const transfer = (fromUnitId: number, toUnitId: number): OrderEventInput => ({
    type: 'transferred',
    fromUnitId,
    toUnitId,
    reason: '机构改革：单位合并',
  });

  it('moves a closed order to the successor as lead, keeping status and deadlines, and replays', () => {
    const received = receive();
    const { order, events } = run(received.order, [
      [dispatchInput('积水', 203, T0, [204]), center, T0],
      [{ type: 'signed', unitId: 203 }, water, '2024-07-01T02:30:00.000Z'],
      [{ type: 'contacted', unitId: 203 }, water, '2024-07-01T03:00:00.000Z'],
      [{ type: 'signed', unitId: 204 }, wages, '2024-07-01T03:00:00.000Z'],
      [{ type: 'replied', unitId: 204, text: '已配合' }, wages, '2024-07-01T04:00:00.000Z'],
      [{ type: 'replied', unitId: 203, text: '已处理' }, water, '2024-07-01T05:00:00.000Z'],
      [{ type: 'closed' }, center, '2024-07-01T06:00:00.000Z'],
    ]);
    const moved = applyEvent(order, transfer(203, 299), system, '2024-08-01T00:00:00.000Z');
    expect(moved.order).toEqual({ ...order, leadUnitId: 299, version: order.version + 1 });
    expect(moved.event).toMatchObject({ type: 'transferred', fromUnitId: 203, toUnitId: 299, seq: 9 });
    expect(replayOrder([received.event, ...events, moved.event])).toEqual(moved.order);
  });

  it('moves a co-unit, merging it into the successor when that one already helps or leads', () => {
    const dispatched = applyEvent(
      receive().order,
      dispatchInput('积水', 203, T0, [204, 205]),
      center,
      T0,
    ).order;
    const signed = applyEvent(dispatched, { type: 'signed', unitId: 204 }, wages, T0).order;
    const renamed = applyEvent(signed, transfer(204, 299), system, T0).order;
    expect(renamed.coUnits.map((c) => [c.unitId, c.signedAt])).toEqual([
      [299, T0],
      [205, null],
    ]);
    const merged = applyEvent(signed, transfer(204, 205), system, T0).order;
    expect(merged.coUnits.map((c) => [c.unitId, c.signedAt])).toEqual([[205, T0]]);
    const intoLead = applyEvent(signed, transfer(204, 203), system, T0).order;
    expect(intoLead).toMatchObject({ leadUnitId: 203, status: 'dispatched' });
    expect(intoLead.coUnits.map((c) => c.unitId)).toEqual([205]);
    const leadIntoCo = applyEvent(signed, transfer(203, 205), system, T0).order;
    expect(leadIntoCo.leadUnitId).toBe(205);
    expect(leadIntoCo.coUnits.map((c) => c.unitId)).toEqual([204]);
    expect(leadIntoCo.deadlines).toEqual(signed.deadlines);
  });

  it('is for the system alone, and names a unit the order refers to', () => {
    const dispatched = applyEvent(receive().order, dispatchInput('积水', 203), center, T0).order;
    expect(errorOf(() => applyEvent(dispatched, transfer(203, 299), center, T0)).code).toBe('FORBIDDEN');
    expect(errorOf(() => applyEvent(dispatched, transfer(203, 299), water, T0)).code).toBe('FORBIDDEN');
    expect(errorOf(() => applyEvent(dispatched, transfer(204, 299), system, T0)).code).toBe('CONFLICT');
    expect(errorOf(() => applyEvent(dispatched, transfer(203, 203), system, T0)).code).toBe('BAD_INPUT');
  });
});

describe('catalogue versions and open orders', () => {
  it('keeps an open order on the version it was dispatched under when a new version shortens deadlines', () => {
    const dispatched = applyEvent(receive().order, dispatchInput('积水', 203), center, T0).order;
    const rows = CHANGPING_CATALOGUE_ROWS.map((r) =>
      r.category === '积水' ? { ...r, finish: { amount: 24, calendar: 'natural_hours' as const } } : r,
    );
    const v2 = addCatalogueVersion(
      CHANGPING_CATALOGUE,
      { effectiveFrom: '2024-07-02T00:00:00Z', note: '汛期提速', rows },
      CHANGPING_UNITS,
      T0,
    );
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
    // The open order still carries version 1's 72 h, even when reopened after version 2.
    expect(dispatched.deadlines?.finish.due).toBe('2024-07-04T02:00:00.000Z');
    expect(deriveDispatchRules(v2, '积水', '2024-07-02T00:00:00Z').rules.finish).toEqual({
      amount: 24,
      calendar: 'natural_hours',
    });
    expect(deriveDispatchRules(v2, '积水', T0).catalogueVersion).toBe(1);
  });
});
