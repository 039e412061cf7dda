import { describe, expect, it } from 'vitest';
import { OrderEventBody, OrderIntakeBody } from './requests.js';

describe('OrderIntakeBody', () => {
  it('accepts a hotline request and trims its text', () => {
    const parsed = OrderIntakeBody.parse({
      source: 'hotline',
      text: '  路口积水  ',
      category: '积水',
      location: { address: '回龙观西大街', area: '回龙观街道' },
      contact: { phone: '13800000000' },
    });
    expect(parsed.text).toBe('路口积水');
  });

  it('names every bad field', () => {
    const result = OrderIntakeBody.safeParse({
      source: 'fax',
      text: ' ',
      category: '积水',
      location: { address: 'x', area: '城北街道', lat: 99 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['source', 'text', 'location.lat']);
  });
});

describe('OrderEventBody', () => {
  it('accepts a follow-up and refuses an unknown satisfaction', () => {
    expect(
      OrderEventBody.parse({
        type: 'followed_up',
        reached: true,
        contacted: true,
        resolved: false,
        satisfaction: '不满意',
      }).type,
    ).toBe('followed_up');
    expect(
      OrderEventBody.safeParse({
        type: 'followed_up',
        reached: true,
        contacted: true,
        resolved: true,
        satisfaction: '还行',
      }).success,
    ).toBe(false);
  });

  it('refuses an unknown event type and an extension date without a time zone', () => {
    expect(OrderEventBody.safeParse({ type: 'teleported' }).success).toBe(false);
    expect(
      OrderEventBody.safeParse({ type: 'extension_requested', unitId: 1, until: '2024-07-10', reason: 'x' })
        .success,
    ).toBe(false);
    expect(
      OrderEventBody.safeParse({
        type: 'extension_requested',
        unitId: 1,
        until: '2024-07-10T00:00:00+08:00',
        reason: 'x',
      }).success,
    ).toBe(true);
  });
});
