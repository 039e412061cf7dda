/**
 * Commands on work orders of citizens' requests (接诉即办, issue 7): take a request in (with the
 * media its caller uploaded), act on an order, dispatch it, store an upload, train the category
 * model. Each: load → domain step (src/requests) → store, one transaction per write; an order's
 * write is version-checked, so of two acts at once one wins and the other gets CONFLICT.
 */
import { AppError } from '../errors.js';
import {
  ANONYMOUS_LIMITS,
  MAX_MEDIA_BYTES,
  applyEvent,
  assertMediaAllowed,
  declaredMediaType,
  deriveCentreDispatch,
  deriveDedupeKey,
  deriveDispatchEvent,
  deriveStoredMediaName,
  evaluateClassifier,
  findDispatch,
  getCatalogueVersion,
  holdsOrder,
  isMediaType,
  receiveOrder,
  trainCategoryModel as trainModel,
} from '../requests/index.js';
import type {
  DispatchOverride,
  MediaRef,
  OrderEventInput,
  OrderIntake,
  RequestActor,
  WorkOrder,
} from '../requests/index.js';
import type { StoredMedia } from '../store/media.js';
import type { Store } from '../store/types.js';
import { applyReply } from './desk.js';
import { tellOrderChange } from './handler-notices.js';
import type { DeskNoticeContext } from './handler-notices.js';
import { CATEGORY_MODEL } from './requests-setup.js';
import type { RequestsSetup } from './requests-setup.js';

/** Uploads no intake took within this long are deleted (at the next upload, and by the server's purge). */
export const UNCLAIMED_MEDIA_TTL_MS = ANONYMOUS_LIMITS.unclaimedTtlMs;

/** Deletes the uploads no intake took within UNCLAIMED_MEDIA_TTL_MS of `now`; answers how many. */
export async function purgeUnclaimedMedia(store: Store, now: Date): Promise<number> {
  return store.media.deleteUnclaimedBefore(new Date(now.getTime() - UNCLAIMED_MEDIA_TTL_MS).toISOString());
}

/**
 * Takes a request in: the duplicate check against the last second, receiveOrder, insert and,
 * when asked, the automatic dispatch by catalogue and place, in one transaction — with the
 * dispatched units' notices (`notify`, handler first) in the same transaction, so a crash never
 * leaves a dispatched order whose units were not told. Returns the stored order: still
 * `received` when no unit covers its category and place (a territorial area without office).
 */
export async function intakeOrder(
  store: Store,
  setup: RequestsSetup,
  intake: OrderIntake,
  actor: RequestActor,
  now: string,
  options: { autoDispatch: boolean; notify?: DeskNoticeContext | undefined },
): Promise<WorkOrder> {
  const notify = options.notify;
  // Without a dispatch there is no one to tell: the intake alone (group-committed on SQLite).
  if (notify === undefined || !options.autoDispatch)
    return receiveAndDispatch(store, setup, intake, actor, now, options);
  return store.transaction(async (tx) => {
    const order = await receiveAndDispatch(tx, setup, intake, actor, now, options);
    if (order.leadUnitId === null) return order;
    // A new order has no handler yet: its units are told at once, keyed by the dispatch.
    const event = (await tx.requests.listEvents(order.id)).at(-1);
    if (event) {
      const before: WorkOrder = { ...order, leadUnitId: null, coUnits: [] };
      await tellOrderChange(tx, notify, before, order, event, now);
    }
    return order;
  });
}

function receiveAndDispatch(
  store: Store,
  setup: RequestsSetup,
  intake: OrderIntake,
  actor: RequestActor,
  now: string,
  options: { autoDispatch: boolean },
): Promise<WorkOrder> {
  const { catalogue } = setup;
  const system: RequestActor = { userId: actor.userId, role: 'system', unitIds: [] };
  return store.requests.receiveNewOrder({
    jurisdictionId: setup.jurisdictionId,
    dedupeKey: deriveDedupeKey(intake),
    since: new Date(Date.parse(now) - 1000).toISOString(),
    build: (recent, id) =>
      receiveOrder(intake, {
        id,
        now,
        actor,
        catalogue,
        jurisdiction: setup.jurisdiction,
        jurisdictionId: setup.jurisdictionId,
        recent,
      }),
    // The automatic dispatch commits with the intake (issue 12.8): a crash between them can no
    // longer leave an acknowledged order undispatched, nor a retry make a second order.
    ...(options.autoDispatch
      ? {
          then: (received: WorkOrder) => {
            // No unit for it (an area whose office an admin has not named yet): the order is
            // taken and waits in the queue for the operator, as the queue's suggestions leave it.
            const suggestion = findDispatch(
              { category: received.category, area: received.location.area },
              setup,
              now,
            );
            if (suggestion === undefined) return undefined;
            return applyEvent(received, deriveDispatchEvent(suggestion), system, now, {
              calendar: setup.calendar,
            });
          },
        }
      : {}),
  });
}

/**
 * Takes a request in whose `media` names uploaded files (intakeOrder): each must be one the same
 * uploader sent (`uploadedBy`, null for the public) that no order took yet — else BAD_INPUT
 * naming it, with one reason for unknown, someone else's and used refs, so nothing tells them
 * apart. The intake gets the stored type, size and file name (not what the client claims); when
 * it succeeds its order takes the files, when it fails they are free again. A declared size over
 * the limit answers 413 first, as the domain does (order.ts). `externalUrls` (Open311, whose
 * clients post a `media_url`): an http(s) URL passes as a link, not a stored file.
 */
export async function intakeOrderWithMedia(
  store: Store,
  setup: RequestsSetup,
  intake: OrderIntake & { media?: readonly MediaRef[] | undefined },
  uploadedBy: number | null,
  actor: RequestActor,
  now: string,
  options: { autoDispatch: boolean; externalUrls?: boolean; notify?: DeskNoticeContext | undefined },
): Promise<WorkOrder> {
  const isLink = (m: MediaRef) => options.externalUrls === true && /^https?:\/\//i.test(m.ref);
  const links = (intake.media ?? []).filter(isLink);
  const declared = (intake.media ?? []).filter((m) => !isLink(m));
  if (declared.length === 0) {
    return intakeOrder(store, setup, { ...intake, media: links }, actor, now, options);
  }
  declared.forEach((m, i) => {
    if (m.bytes > MAX_MEDIA_BYTES)
      throw new AppError('TOO_LARGE', '附件过大', [{ path: `body.media.${i}`, message: 'too large' }]);
  });
  const seen = new Set<string>();
  declared.forEach((m, i) => {
    if (seen.has(m.ref))
      throw new AppError('BAD_INPUT', '同一附件不能提交两次', [
        { path: `body.media.${i}.ref`, message: 'named twice' },
      ]);
    seen.add(m.ref);
  });
  const { claim, media: reserved } = await store.media.reserve([...seen], uploadedBy);
  const byRef = new Map(reserved.map((m) => [m.ref, m]));
  const missing = declared.flatMap((m, i) =>
    byRef.has(m.ref)
      ? []
      : [{ path: `body.media.${i}.ref`, message: 'unknown media ref: upload it with POST /requests/media' }],
  );
  if (missing.length > 0) {
    await store.media.release(claim);
    throw new AppError('BAD_INPUT', '附件不存在或已被使用：请先上传（POST /requests/media）', missing);
  }
  const media = [
    ...declared.map((m) => {
      const stored = byRef.get(m.ref)!;
      return { ref: stored.ref, contentType: stored.contentType, bytes: stored.bytes, name: stored.name };
    }),
    ...links,
  ];
  let order: WorkOrder;
  try {
    order = await intakeOrder(store, setup, { ...intake, media }, actor, now, options);
  } catch (error) {
    await store.media.release(claim);
    throw error;
  }
  await store.media.attach(claim, order.id);
  return order;
}

/**
 * Applies one event to an order and stores it; CONFLICT when someone else acted first. With
 * `notify`, the units the event concerns are told (派单, 退回) in the same transaction, each
 * through its named handler first (handler-notices.ts).
 */
export async function actOnOrder(
  store: Store,
  setup: RequestsSetup,
  orderId: number,
  input: OrderEventInput,
  actor: RequestActor,
  now: string,
  notify?: DeskNoticeContext,
): Promise<WorkOrder> {
  const order = await store.requests.getOrder(orderId);
  if (actor.role === 'unit' && !holdsOrder(order, actor.unitIds)) {
    throw new AppError('FORBIDDEN', `工单 ${orderId} 不在本单位办理`, [
      { path: 'id', message: 'your unit does not hold this order' },
    ]);
  }
  if (input.type === 'replied' && order.leadUnitId === input.unitId) {
    // A lead unit's reply goes through the answer rules and the checker's sample (issue 20).
    const { order: next, event, record } = await applyReply(store, setup, order, input, actor, now);
    await store.transaction(async (tx) => {
      await tx.requests.appendEvent(next, event, order.version);
      await tx.desk.insertCheck(record);
    });
    return next;
  }
  const { order: next, event } = applyEvent(order, input, actor, now, { calendar: setup.calendar });
  if (!notify) {
    await store.requests.appendEvent(next, event, order.version);
    return next;
  }
  await store.transaction(async (tx) => {
    await tx.requests.appendEvent(next, event, order.version);
    await tellOrderChange(tx, notify, order, next, event, now);
  });
  return next;
}

/** The centre's dispatch: by catalogue and place, or the operator's override with a reason. */
export async function dispatchOrder(
  store: Store,
  setup: RequestsSetup,
  orderId: number,
  override: DispatchOverride | undefined,
  actor: RequestActor,
  now: string,
  notify?: DeskNoticeContext,
): Promise<WorkOrder> {
  const order = await store.requests.getOrder(orderId);
  const input = deriveCentreDispatch(setup, order, override, now);
  return actOnOrder(store, setup, order.id, input, actor, now, notify);
}

/**
 * Stores an uploaded file for an intake: its type told by its part or its name, proved by its
 * first bytes (assertMediaAllowed), kept under a clean name with its type's extension; uploads
 * no intake took within UNCLAIMED_MEDIA_TTL_MS are deleted first. BAD_INPUT or TOO_LARGE naming `body.file`.
 */
export async function uploadMedia(
  store: Store,
  jurisdictionId: number,
  file: { fileName: string; mimeType: string; bytes: Uint8Array },
  uploadedBy: number | null,
  now: Date,
): Promise<StoredMedia> {
  const contentType = declaredMediaType(file.fileName, file.mimeType);
  assertMediaAllowed({ contentType, bytes: file.bytes.length }, file.bytes.subarray(0, 16));
  // Unreachable once assertMediaAllowed passed; it narrows the type for the stored name.
  if (!isMediaType(contentType)) throw new AppError('INTERNAL', `unchecked type ${contentType}`);
  const name = deriveStoredMediaName(file.fileName, contentType);
  await purgeUnclaimedMedia(store, now);
  return store.media.insert({
    jurisdictionId,
    name,
    contentType,
    content: file.bytes,
    uploadedBy,
    uploadedAt: now.toISOString(),
  });
}

/**
 * Trains the category model on the latest `limit` dispatched orders (their category as the
 * dispatcher confirmed it), holding back every fifth for the accuracy figures, then retrains on
 * all of them and stores the model. Returns the held-back figures, without and with the model.
 */
export async function trainCategoryModel(store: Store, setup: RequestsSetup, now: string, limit = 20_000) {
  const page = await store.requests.listOrders({
    jurisdictionIds: [setup.jurisdictionId],
    status: ['dispatched', 'signed', 'objecting', 'replied', 'closed'],
    limit,
    offset: 0,
  });
  const samples = page.items.map((order) => ({ text: order.text, category: order.category }));
  if (samples.length < 10) {
    throw new AppError(
      'UNPROCESSABLE',
      `only ${samples.length} dispatched orders: at least 10 are needed to train`,
    );
  }
  const heldBack = samples.filter((_, i) => i % 5 === 0);
  const training = samples.filter((_, i) => i % 5 !== 0);
  const rows = getCatalogueVersion(setup.catalogue, now).rows;
  const rulesOnly = evaluateClassifier(heldBack, rows);
  const withModel = evaluateClassifier(heldBack, rows, trainModel(training));
  const model = trainModel(samples);
  await store.requestThemes.saveModel(setup.jurisdictionId, CATEGORY_MODEL, model, now);
  return { trainedOn: samples.length, heldBack: heldBack.length, rulesOnly, withModel, trainedAt: now };
}
