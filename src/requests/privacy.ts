/**
 * What each audience sees of a work order (issue 12.1, 12.7). One rule for the public — every
 * public output (the API, Open311 JSON and XML, CSV, the public pages) goes through
 * `derivePublicOrder` — and one for a unit the citizen stays anonymous to (`deriveUnitView`,
 * `deriveUnitEvents`). The centre sees the order as it is.
 */
import { UNIT_HIDDEN_KINDS, redactPersonalData } from './redact.js';
import { deriveRepeatCallsForUnit, deriveRepeatEventsForUnit } from './repeat-calls.js';
import type { MediaRef, OrderEvent, OrderStatus, WorkOrder } from './types.js';

/** Decimal places a public position keeps: 0.001° is about 110 m north–south, 85 m east–west here. */
export const PUBLIC_POSITION_DECIMALS = 3;

/** A file the public may open: a picture, served with its metadata stripped (strip-metadata.ts). */
export interface PublicMedia {
  ref: string;
  contentType: string;
}

/** Files the public may ever see: pictures, whose metadata Luoshi can strip. */
export const PUBLIC_MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * An order as anyone may see it. No contact, no events, no file names; the text, the address and
 * the public note with personal data cut; the position rounded.
 */
export interface PublicOrder {
  id: number;
  category: string;
  status: OrderStatus;
  /** The street or town. */
  area: string;
  community: string | null;
  /**
   * The place in words: the street or town and community when the citizen asked to stay
   * anonymous to the public; otherwise the address with house and room numbers cut.
   */
  address: string;
  /** Rounded to PUBLIC_POSITION_DECIMALS; null when the order has no position. */
  lat: number | null;
  long: number | null;
  text: string;
  publicNote: string | null;
  leadUnitId: number | null;
  receivedAt: string;
  closedAt: string | null;
  /** The end of the finish deadline, null before dispatch. */
  expectedAt: string | null;
  /** Pictures only, and none when the citizen asked to stay anonymous to the public. */
  media: PublicMedia[];
}

/**
 * A coordinate rounded for the public.
 * @example
 * roundPublicPosition(40.0712345) // 40.071
 */
export function roundPublicPosition(value: number | undefined): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const scale = 10 ** PUBLIC_POSITION_DECIMALS;
  return Math.round(value * scale) / scale;
}

/** The names the citizen gave: cut wherever they appear, as well as what the rules find. */
function citizenNames(order: WorkOrder): string[] {
  const name = order.contact?.name?.trim();
  return name ? [name] : [];
}

/**
 * The one rule for what the public sees of an order, whatever its status (open orders
 * included) and whichever output shows it. Files: pictures only (a video, a recording or a
 * PDF cannot be cleaned), only when the citizen did not ask to stay anonymous to the public,
 * and the transport serves them through stripImageMetadata (a photo carries where it was taken).
 * @example
 * derivePublicOrder(order).text // '我是＊，电话＊，龙腾苑社区＊门口积水'
 */
export function derivePublicOrder(order: WorkOrder): PublicOrder {
  const names = citizenNames(order);
  const { location } = order;
  const community = location.community?.trim() || null;
  const place = location.address.startsWith(location.area)
    ? location.address
    : `${location.area}${location.address}`;
  const address = order.privacy.anonymousToPublic
    ? `${location.area}${community ?? ''}`
    : redactPersonalData(place, { names });
  return {
    id: order.id,
    category: order.category,
    status: order.status,
    area: location.area,
    community: community === null ? null : redactPersonalData(community, { names }),
    address,
    lat: roundPublicPosition(location.lat),
    long: roundPublicPosition(location.long),
    text: redactPersonalData(order.text, { names }),
    publicNote: order.publicNote === null ? null : redactPersonalData(order.publicNote, { names }),
    leadUnitId: order.leadUnitId,
    receivedAt: order.receivedAt,
    closedAt: order.closedAt,
    expectedAt: order.deadlines?.finish.due ?? null,
    media: order.privacy.anonymousToPublic
      ? []
      : order.media
          .filter((m) => PUBLIC_MEDIA_TYPES.includes(m.contentType))
          .map((m) => ({ ref: m.ref, contentType: m.contentType })),
  };
}

/**
 * True when the public may open this file of the order (derivePublicOrder lists it).
 * @example
 * isPublicMedia(order, 'm/1.jpg') // false when the citizen is anonymous to the public
 */
export function isPublicMedia(order: WorkOrder, ref: string): boolean {
  return derivePublicOrder(order).media.some((m) => m.ref === ref);
}

const hideForUnit = (text: string, names: readonly string[]): string =>
  redactPersonalData(text, { kinds: UNIT_HIDDEN_KINDS, names });

/** A file as a unit sees it when the citizen stays anonymous: the file, not its name (王先生家漏水.jpg). */
const unnamed = ({ name: _name, ...rest }: MediaRef): MediaRef => rest;

/**
 * The order as a handling unit may see it. When the citizen chose to stay anonymous to the
 * unit (the hotline then relays): no contact, no file names, and the citizen's name, phone,
 * ID number, e-mail and chat accounts cut from the text and the address — the place itself
 * stays, the unit goes there. Otherwise the order as it is.
 * @example
 * deriveUnitView(order).contact // null when order.privacy.anonymousToUnit
 */
export function deriveUnitView(whole: WorkOrder): WorkOrder {
  // A repeat caller who asked to stay anonymous to the unit is hidden whatever the first caller chose.
  const order = deriveRepeatCallsForUnit(whole);
  if (!order.privacy.anonymousToUnit) return order;
  const names = citizenNames(order);
  return {
    ...order,
    contact: null,
    media: order.media.map(unnamed),
    text: hideForUnit(order.text, names),
    location: { ...order.location, address: hideForUnit(order.location.address, names) },
    publicNote: order.publicNote === null ? null : hideForUnit(order.publicNote, names),
    exemption: order.exemption && { ...order.exemption, reason: hideForUnit(order.exemption.reason, names) },
  };
}

/** Free-text fields an event may carry; each is cut for a unit the citizen stays anonymous to. */
const EVENT_TEXT_FIELDS = ['text', 'note', 'reason', 'publicNote'] as const;

/**
 * An order's history as a handling unit may see it: under the same rule as deriveUnitView, the
 * intake without its contact or file names and every text of every event with the citizen's
 * identity cut (an operator's note may repeat the phone number).
 * @example
 * deriveUnitEvents(order, events)[0].contact // null when order.privacy.anonymousToUnit
 */
export function deriveUnitEvents(order: WorkOrder, all: readonly OrderEvent[]): OrderEvent[] {
  const events = deriveRepeatEventsForUnit(all);
  if (!order.privacy.anonymousToUnit) return events;
  const names = [
    ...citizenNames(order),
    ...events.flatMap((e) => (e.type === 'received' && e.contact?.name ? [e.contact.name] : [])),
  ];
  return events.map((event) => {
    const out: Record<string, unknown> = { ...event };
    for (const field of EVENT_TEXT_FIELDS) {
      const value = out[field];
      if (typeof value === 'string') out[field] = hideForUnit(value, names);
    }
    if (event.type === 'received') {
      out.contact = null;
      out.media = (event.media ?? []).map(unnamed);
      out.location = { ...event.location, address: hideForUnit(event.location.address, names) };
    }
    return out as unknown as OrderEvent;
  });
}
