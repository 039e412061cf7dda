import { describe, expect, it } from 'vitest';
import { deriveDispatchRules } from './catalogue.js';
import { applyEvent, receiveOrder } from './order.js';
import {
  derivePublicOrder,
  deriveUnitEvents,
  deriveUnitView,
  isPublicMedia,
  roundPublicPosition,
} from './privacy.js';
import type { OrderEvent, OrderEventInput, OrderIntake, RequestActor, WorkOrder } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const water: RequestActor = { userId: 2, role: 'unit', unitIds: [203] };
const T0 = '2024-07-01T02:00:00.000Z';

const INTAKE: OrderIntake = {
  source: 'hotline',
  text: '我是王建国，电话138 1234 5678，身份证110101199003071234，家住龙腾苑5号楼3单元502室，门口积水',
  category: '积水',
  location: {
    address: '龙腾苑社区5号楼3单元502室（王建国家）',
    area: '回龙观街道',
    community: '龙腾苑社区',
    lat: 40.0712345,
    long: 116.3298765,
  },
  media: [
    { ref: 'm/1.jpg', contentType: 'image/jpeg', bytes: 100, name: '王建国家门口.jpg' },
    { ref: 'm/2.mp4', contentType: 'video/mp4', bytes: 100, name: '视频.mp4' },
  ],
  contact: { name: '王建国', phone: '13812345678', email: 'wjg@example.cn' },
};

/** An order taken in, dispatched, signed and with a note from the centre, and its events. */
function history(privacy: OrderIntake['privacy']): { order: WorkOrder; events: OrderEvent[] } {
  const received = receiveOrder(
    { ...INTAKE, privacy },
    { id: 9, now: T0, actor: center, catalogue: CHANGPING_CATALOGUE, jurisdiction: CHANGPING },
  );
  const events: OrderEvent[] = [received.event];
  let order = received.order;
  const rules = deriveDispatchRules(CHANGPING_CATALOGUE, '积水', T0);
  const steps: [OrderEventInput, RequestActor][] = [
    [{ type: 'dispatched', leadUnitId: 203, coUnits: [], ...rules }, center],
    [{ type: 'signed', unitId: 203 }, water],
    [{ type: 'reminded', note: '王建国又来电，手机＋８６ １３８１２３４５６７８，请尽快' }, center],
  ];
  for (const [input, actor] of steps) {
    const applied = applyEvent(order, input, actor, T0);
    order = applied.order;
    events.push(applied.event);
  }
  return { order, events };
}

describe('derivePublicOrder', () => {
  it('shows an open order of a citizen anonymous to the public by its street and community only', () => {
    const view = derivePublicOrder(history({ anonymousToPublic: true }).order);
    expect(view).toEqual({
      id: 9,
      category: '积水',
      status: 'signed',
      area: '回龙观街道',
      community: '龙腾苑社区',
      address: '回龙观街道龙腾苑社区',
      lat: 40.071,
      long: 116.33,
      text: '我是＊，电话＊，身份证＊，家住龙腾苑＊，门口积水',
      publicNote: null,
      leadUnitId: 203,
      receivedAt: T0,
      closedAt: null,
      expectedAt: '2024-07-04T02:00:00.000Z',
      media: [],
    });
  });

  it('shows the address without house numbers or name, and the pictures only, when the citizen agreed', () => {
    const view = derivePublicOrder(history({ anonymousToPublic: false }).order);
    expect([view.address, view.lat, view.media]).toEqual([
      '回龙观街道龙腾苑社区＊（＊家）',
      40.071,
      [{ ref: 'm/1.jpg', contentType: 'image/jpeg' }],
    ]);
    expect(JSON.stringify(view)).not.toMatch(/王建国|138|1101|wjg|门口\.jpg/);
  });

  it('cuts the public note too', () => {
    const order = { ...history({}).order, publicNote: '已联系王建国（13812345678）确认修复' };
    expect(derivePublicOrder(order).publicNote).toBe('已联系＊）确认修复');
  });

  it('opens a picture to the public only when derivePublicOrder lists it', () => {
    const open = history({ anonymousToPublic: false }).order;
    expect([isPublicMedia(open, 'm/1.jpg'), isPublicMedia(open, 'm/2.mp4')]).toEqual([true, false]);
    expect(isPublicMedia(history({ anonymousToPublic: true }).order, 'm/1.jpg')).toBe(false);
  });
});

describe('roundPublicPosition', () => {
  it('keeps three decimals, and null for a missing position', () => {
    expect([roundPublicPosition(40.0715), roundPublicPosition(undefined), roundPublicPosition(NaN)]).toEqual([
      40.072,
      null,
      null,
    ]);
  });
});

describe('deriveUnitView', () => {
  it('hides the contact, file names and identity in the text from a unit the citizen is anonymous to', () => {
    const view = deriveUnitView(history({ anonymousToUnit: true }).order);
    expect(view.contact).toBeNull();
    expect(view.media.map((m) => m.name)).toEqual([undefined, undefined]);
    // The place stays: the unit goes there.
    expect(view.text).toBe('我是＊，电话＊，身份证＊，家住龙腾苑5号楼3单元502室，门口积水');
    expect(view.location.address).toBe('龙腾苑社区5号楼3单元502室（＊家）');
  });

  it('is the order as it is when the citizen did not ask', () => {
    const { order } = history({ anonymousToUnit: false });
    expect(deriveUnitView(order)).toBe(order);
  });
});

describe('deriveUnitEvents', () => {
  it('hides the intake contact, file names, and the identity in every text of the history', () => {
    const { order, events } = history({ anonymousToUnit: true });
    const seen = deriveUnitEvents(order, events);
    const received = seen[0]!;
    expect(received.type === 'received' && [received.contact, received.media?.[0]?.name]).toEqual([
      null,
      undefined,
    ]);
    expect(received.type === 'received' && received.text).toBe(
      '我是＊，电话＊，身份证＊，家住龙腾苑5号楼3单元502室，门口积水',
    );
    const reminded = seen[3]!;
    expect(reminded.type === 'reminded' && reminded.note).toBe('＊又来电，手机＊，请尽快');
    expect(JSON.stringify(seen)).not.toMatch(/王建国|13812345678|１３８|wjg/);
  });

  it('gives the history as it is when the citizen did not ask', () => {
    const { order, events } = history({ anonymousToUnit: false });
    expect(deriveUnitEvents(order, events)).toEqual(events);
  });
});
