/**
 * Properties of the one public rule (issue 12.1) and the unit view (12.7): personal data made up
 * in many spellings, put into request text as people write it, never survives in what the public
 * or an anonymous-to unit gets. The texts around the data hold no digits in any script, so any
 * digit left in a public text field is a leak.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toOpen311Request, toOpen311Xml } from './open311.js';
import { derivePublicOrder, deriveUnitEvents, deriveUnitView } from './privacy.js';
import { normalizeForRedaction } from './redact.js';
import {
  contact,
  FILLERS,
  email,
  idNumber,
  landline,
  leaks,
  mobile,
  name,
  sentence,
} from './testing/personal-data.js';
import type { OrderEvent, WorkOrder } from './types.js';
import { CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

function makeOrder(
  text: string,
  address: string,
  note: string,
  contact: WorkOrder['contact'],
  anonymousToPublic: boolean,
): WorkOrder {
  return {
    id: 7,
    source: 'hotline',
    text,
    category: '积水',
    location: { address, area: '某街道', community: '某社区', lat: 40.0712345, long: 116.3298765 },
    media: [{ ref: 'm/1.jpg', contentType: 'image/jpeg', bytes: 10, name: '王先生家.jpg' }],
    contact,
    privacy: { anonymousToPublic, anonymousToUnit: true },
    receivedAt: '2024-07-01T02:00:00.000Z',
    dedupeKey: 'k',
    status: 'signed',
    leadUnitId: 203,
    designated: false,
    coUnits: [],
    deadlines: null,
    catalogueVersion: 1,
    rules: null,
    pauses: [],
    signedAt: '2024-07-01T02:30:00.000Z',
    contactedAt: null,
    repliedAt: null,
    closedAt: null,
    pendingExtension: null,
    pendingObjection: null,
    followUps: [],
    reopenCount: 0,
    exemption: null,
    reminders: 0,
    supervisions: 0,
    publicNote: note,
    version: 2,
  };
}

const version = CHANGPING_CATALOGUE.versions[0]!;

function xmlText(xml: string, tag: string): string {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return (match?.[1] ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the public rule on generated personal data', () => {
  it('leaves none in the text, address, note or anywhere in the Open311 JSON and XML', () => {
    fc.assert(
      fc.property(
        sentence,
        sentence,
        sentence,
        contact,
        fc.boolean(),
        (text, address, note, who, anonymous) => {
          const order = makeOrder(
            text.text,
            address.text,
            note.text,
            { name: who.name, phone: who.phone.text, email: who.email.text },
            anonymous,
          );
          const secrets = [...text.secrets, ...address.secrets, ...note.secrets, who.phone, who.email];
          const view = derivePublicOrder(order);
          const own = [who.name, who.email.needles[0] ?? ''];
          const found = [
            ...leaks(view.text, secrets, own),
            ...leaks(view.address, secrets, own),
            ...leaks(view.publicNote ?? '', secrets, own),
          ];
          const request = toOpen311Request(order, {
            version,
            units: [],
            mediaUrl: (ref) => `https://x.test/${ref}`,
          });
          found.push(...leaks(request.description, secrets, own), ...leaks(request.address, secrets, own));
          found.push(...leaks(request.status_notes ?? '', secrets, own));
          const xml = toOpen311Xml('service_requests', [request]);
          for (const tag of ['description', 'address', 'status_notes'])
            found.push(...leaks(xmlText(xml, tag), secrets, own));
          // Nothing of the contact anywhere, and no file name.
          for (const whole of [JSON.stringify(view), JSON.stringify(request), xml]) {
            expect(whole).not.toContain(who.name);
            expect(whole).not.toContain('王先生家');
            expect(normalizeForRedaction(whole).replace(/[ .-]/g, '')).not.toContain(
              normalizeForRedaction(who.phone.text).replace(/\D/g, '').slice(-8),
            );
          }
          expect([view.lat, view.long]).toEqual([40.071, 116.33]);
          expect(found).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the unit view on generated personal data', () => {
  it("hides the citizen's phone, ID, e-mail and name from an anonymous-to unit, in the order and its events", () => {
    const identity = fc.oneof(mobile, landline, idNumber, email, name);
    const identitySentence = fc
      .array(fc.tuple(fc.constantFrom(...FILLERS), identity), { minLength: 1, maxLength: 4 })
      .map((parts) => ({
        text: parts.map(([f, s]) => f + s.text).join('，'),
        secrets: parts.map(([, s]) => s),
      }));
    fc.assert(
      fc.property(identitySentence, identitySentence, contact, (text, note, who) => {
        const order = makeOrder(
          text.text,
          '某路',
          '',
          { name: who.name, phone: who.phone.text, email: who.email.text },
          true,
        );
        const events: OrderEvent[] = [
          {
            orderId: 7,
            seq: 1,
            at: order.receivedAt,
            actor: { userId: 1, role: 'center', unitIds: [] },
            type: 'received',
            source: 'hotline',
            text: text.text,
            category: '积水',
            location: order.location,
            media: order.media,
            contact: order.contact,
            privacy: order.privacy,
          },
          {
            orderId: 7,
            seq: 2,
            at: order.receivedAt,
            actor: { userId: 1, role: 'center', unitIds: [] },
            type: 'reminded',
            note: note.text,
          },
        ];
        const secrets = [...text.secrets, ...note.secrets, who.phone, who.email];
        const own = [who.name, who.email.needles[0] ?? ''];
        const view = deriveUnitView(order);
        const history = deriveUnitEvents(order, events);
        expect(view.contact).toBeNull();
        expect(view.media.map((m) => m.name)).toEqual([undefined]);
        const found = [...leaks(view.text, secrets, own)];
        for (const e of history) {
          const fields = e as unknown as Record<string, unknown>;
          for (const key of ['text', 'note', 'reason', 'publicNote'])
            if (typeof fields[key] === 'string') found.push(...leaks(fields[key], secrets, own));
          if (e.type === 'received') {
            expect(e.contact).toBeNull();
            expect(e.media?.map((m) => m.name)).toEqual([undefined]);
          }
        }
        expect(found).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
