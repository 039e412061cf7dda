/**
 * Unit commands: create, rename (or change the kind, or the area an office governs), delete
 * and merge (机构改革), each checked by the domain (src/plan/units.ts) and written with its
 * audit event in one transaction. A merge moves the 接诉即办 side too (职责划转): a
 * `transferred` event on each work order naming the unit (its history is never rewritten), its
 * 三率 rows, themes, exemptions, and a new catalogue version effective at the merge.
 */
import { AppError } from '../errors.js';
import type { AuditEvent } from '../plan/audit.js';
import type { Unit, UnitKind } from '../plan/types.js';
import {
  areaTaken,
  checkUnitArea,
  checkUnitFields,
  deriveMergedItemUnits,
  describeUnitUsage,
  findMergeRefusal,
  governsArea,
  isUnitInUse,
  unitNameTaken,
} from '../plan/units.js';
import type { UnitUsage } from '../plan/units.js';
import {
  applyEvent,
  countRowsNamingUnit,
  deriveMergedCatalogueVersion,
  findArea,
  moveKnowledgeOwner,
} from '../requests/index.js';
import type { Jurisdiction, RequestActor } from '../requests/index.js';
import { createUnitMatcher } from '../jurisdictions/units.js';
import { conflictOnUnique, staleVersion } from '../store/rows.js';
import type { ChangeMeta, Store, UnitMerge, Versioned } from '../store/types.js';
import { changeEvent } from './frame.js';

const now = () => new Date().toISOString();

/** A unit's audit event: no plan, its name and kind before and after (or the merge's outcome). */
function unitEvent(
  id: number,
  action: string,
  before: Unit | null,
  after: Unit | Record<string, unknown> | null,
  meta: ChangeMeta | undefined,
): AuditEvent {
  const fields = (unit: Unit | Record<string, unknown>) =>
    'kind' in unit && 'name' in unit && !('mergedInto' in unit)
      ? { name: unit.name, kind: unit.kind, ...('area' in unit && unit.area ? { area: unit.area } : {}) }
      : { ...unit };
  const event = changeEvent({ type: 'unit', id }, null, before && fields(before), after && fields(after), {
    actor: meta?.actor ?? null,
    at: meta?.at ?? now(),
    action,
    reason: meta?.reason ?? null,
  });
  // A deleted or merged unit's row is gone when its event is written: name its jurisdiction.
  const jurisdictionId =
    before?.jurisdictionId ?? (after && 'jurisdictionId' in after ? after.jurisdictionId : undefined);
  return typeof jurisdictionId === 'number' ? { ...event, jurisdictionId } : event;
}

/** BAD_INPUT (`area`) unless the area is a street or town of the jurisdiction. */
function checkJurisdiction(jurisdiction: Jurisdiction | undefined, area: string | null | undefined): void {
  if (jurisdiction === undefined || !area || findArea(jurisdiction, area)) return;
  throw new AppError('BAD_INPUT', `「${area}」不是${jurisdiction.name}的街道或镇`, [
    { path: 'area', message: `not a street or town of ${jurisdiction.name}` },
  ]);
}

/** CONFLICT naming the unit (other than `selfId`) of the jurisdiction that governs `area`, if one does. */
async function assertAreaFree(
  store: Store,
  jurisdictionId: number,
  area: string,
  selfId: number | undefined,
): Promise<void> {
  const other = await store.units.findByArea(jurisdictionId, area, selfId);
  if (other) throw areaTaken(area, other);
}

/**
 * CONFLICT when `names` (a unit's name and aliases) find another unit of the jurisdiction by
 * name, alias or the naming rule (src/jurisdictions/units.ts): one set of units (issue 14.5).
 */
async function assertNamesFree(
  store: Store,
  jurisdictionId: number,
  names: readonly string[],
  selfId: number | undefined,
): Promise<void> {
  const [jurisdiction, units] = await Promise.all([
    store.jurisdictions.get(jurisdictionId),
    store.units.list([jurisdictionId]),
  ]);
  const matcher = createUnitMatcher(
    units.filter((u) => u.id !== selfId),
    jurisdiction.name,
  );
  for (const name of names) {
    const found = matcher.match(name);
    if (found) throw unitNameTaken(name, found.unit.id, found.by === 'rule' ? found.unit.name : undefined);
  }
}

/**
 * Creates a unit, with the area it governs when it is a street or town office. BAD_INPUT for
 * an empty name, an unknown kind, an area on a unit that is no street or town, or (given a
 * jurisdiction) an area outside it; CONFLICT when another unit governs the area or has the name.
 */
export async function createUnit(
  store: Store,
  input: {
    jurisdictionId: number;
    name: string;
    kind: UnitKind;
    area?: string | undefined;
    aliases?: readonly string[] | undefined;
  },
  jurisdiction?: Jurisdiction,
): Promise<Versioned<Unit>> {
  const name = input.name.trim();
  const area = input.area?.trim() || undefined;
  const aliases = [
    ...new Set((input.aliases ?? []).map((a) => a.trim()).filter((a) => a !== '' && a !== name)),
  ];
  const problems = [...checkUnitFields({ name, kind: input.kind }), ...checkUnitArea(input.kind, area)];
  if (problems.length) throw new AppError('BAD_INPUT', 'invalid unit', problems);
  checkJurisdiction(jurisdiction, area);
  if (area) await assertAreaFree(store, input.jurisdictionId, area, undefined);
  await assertNamesFree(store, input.jurisdictionId, [name, ...aliases], undefined);
  try {
    const unit = await store.units.insert({
      jurisdictionId: input.jurisdictionId,
      name,
      kind: input.kind,
      area: area ?? null,
    });
    if (aliases.length > 0) {
      await store.units.setAliases(input.jurisdictionId, unit.id, aliases);
      unit.aliases = aliases.sort();
    }
    return unit;
  } catch (error) {
    throw conflictOnUnique(error, `unit ${name} already exists, or another unit governs ${area}`);
  }
}

/**
 * Renames a unit, changes its kind, or sets the area it governs (`area: null` or '' clears it),
 * writing its `unit.update` audit event. BAD_INPUT for an empty name, an unknown kind, an area
 * on a unit that is (or becomes) no street or town, or (given a jurisdiction) an area outside
 * it; CONFLICT when `expectedVersion` is stale, or another unit has the name or governs the area.
 */
export async function updateUnit(
  store: Store,
  id: number,
  patch: { name?: string | undefined; kind?: UnitKind | undefined; area?: string | null | undefined },
  expectedVersion: number,
  meta?: ChangeMeta,
  jurisdiction?: Jurisdiction,
): Promise<Versioned<Unit>> {
  const name = patch.name?.trim();
  // '' clears the area as null does.
  const area = patch.area === undefined ? undefined : patch.area?.trim() || null;
  const problems = checkUnitFields({ name, kind: patch.kind });
  if (problems.length) throw new AppError('BAD_INPUT', 'invalid unit', problems);
  return store.transaction(async (tx) => {
    const before = await tx.units.lock(id);
    const jurisdictionId = before.jurisdictionId!;
    if (name !== undefined && name !== before.name) await assertNamesFree(tx, jurisdictionId, [name], id);
    const kind = patch.kind ?? before.kind;
    const governed = area === undefined ? before.area : (area ?? undefined);
    if (area !== undefined || patch.kind !== undefined) checkJurisdiction(jurisdiction, governed);
    const kindProblems = checkUnitArea(kind, governed);
    if (kindProblems.length) throw new AppError('BAD_INPUT', 'invalid unit', kindProblems);
    if (area) await assertAreaFree(tx, jurisdictionId, area, id);
    let updated: boolean;
    try {
      updated = await tx.units.update(
        id,
        {
          ...(name !== undefined ? { name } : {}),
          ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
          ...(area !== undefined ? { area } : {}),
        },
        expectedVersion,
      );
    } catch (error) {
      throw conflictOnUnique(
        error,
        area ? `another unit governs ${area}` : `a unit named ${name ?? before.name} already exists`,
      );
    }
    if (!updated) throw staleVersion('unit', id, 'expectedVersion');
    const after = await tx.units.get(id);
    await tx.audit.append(unitEvent(id, 'unit.update', before, after, meta));
    return after;
  });
}

/** Every reference to unit `id`; `at` decides which catalogue versions are in force. */
export async function countUnitUsage(store: Store, id: number, at: string): Promise<UnitUsage> {
  const references = await store.units.countReferences(id);
  const { jurisdictionId } = await store.units.get(id);
  const themes = await store.requestThemes.listThemes(jurisdictionId!);
  const versions = await store.requestSettings.listCatalogueVersions(jurisdictionId!);
  return {
    ...references,
    // Themes the unit leads, or holds one of the tasks of (themes are few: read them all).
    requestThemes: themes.filter((t) => t.leadUnitId === id || t.tasks.some((task) => task.unitId === id))
      .length,
    catalogueRows: countRowsNamingUnit({ versions }, id, at),
    knowledgeEntries: await store.knowledge.countOwnedBy(id),
  };
}

/**
 * Deletes a unit nothing refers to, writing its `unit.delete` audit event. CONFLICT when
 * something still does (its details name each count, path `usage.<key>`), when it governs an
 * area (its territorial orders would reach no one), or when `expectedVersion` is given and stale.
 */
export async function deleteUnit(
  store: Store,
  id: number,
  expectedVersion?: number,
  meta?: ChangeMeta,
): Promise<void> {
  await store.transaction(async (tx) => {
    const unit = await tx.units.lock(id);
    if (expectedVersion !== undefined && unit.version !== expectedVersion)
      throw staleVersion('unit', id, 'expectedVersion');
    if (unit.area !== undefined) throw governsArea(unit, unit.area, 'delete');
    const usage = await countUnitUsage(tx, id, meta?.at ?? now());
    if (isUnitInUse(usage)) {
      const details = describeUnitUsage(usage);
      throw new AppError(
        'CONFLICT',
        `unit ${unit.name} is still in use: ${details.map((d) => d.message).join(', ')}; ` +
          'assign these to another unit, or merge this unit into one, first',
        details,
      );
    }
    await tx.units.delete(id);
    await tx.audit.append(unitEvent(id, 'unit.delete', unit, null, meta));
  });
}

/**
 * 机构改革: moves every reference to unit `id` (tasks and targets led or co-led, users,
 * reports, supervision records, evidence) to unit `intoId`, then deletes `id`, in one
 * transaction with a `unit.merge` event and one `task.update` / `target.update` event per item
 * whose units changed. The area `id` governs passes to `intoId`. The 接诉即办 side moves in the
 * same transaction (moveRequestReferences). BAD_INPUT when the two are one unit; CONFLICT when
 * both units reported for the same plan and period, when both govern an area (a unit governs
 * one), when a work order changed meanwhile, or when a catalogue version scheduled to take
 * effect later stands in the way of the new one.
 */
export async function mergeUnit(
  store: Store,
  id: number,
  intoId: number,
  expectedVersion?: number,
  meta?: ChangeMeta,
): Promise<UnitMerge> {
  if (id === intoId) {
    throw new AppError('BAD_INPUT', 'a unit cannot be merged into itself', [
      { path: 'into', message: 'must be another unit' },
    ]);
  }
  return store.transaction(async (tx) => {
    // In id order, so two opposite merges at once wait for each other rather than deadlock.
    const first = await tx.units.lock(Math.min(id, intoId));
    const second = await tx.units.lock(Math.max(id, intoId));
    const [from, into] = first.id === id ? [first, second] : [second, first];
    // A unit merges only into one of its own jurisdiction: another's is not there for it.
    if (from.jurisdictionId !== into.jurisdictionId)
      throw new AppError('NOT_FOUND', `no unit with id ${intoId}`);
    if (expectedVersion !== undefined && from.version !== expectedVersion)
      throw staleVersion('unit', id, 'expectedVersion');
    const at = meta?.at ?? now();
    const moved = await countUnitUsage(tx, id, at);
    const refusal = findMergeRefusal(from, into, await tx.units.listReportClashes(id, intoId));
    if (refusal) throw refusal;
    const reason = meta?.reason ?? `unit ${from.name} merged into ${into.name}`;
    const itemMeta = { actor: meta?.actor ?? null, at, reason };
    for (const kind of ['task', 'target'] as const) await moveItems(tx, kind, from.id, into.id, itemMeta);
    await tx.units.moveMembers(from.id, into.id, at);
    // Supervision records keep the unit in their JSON too.
    await tx.supervision.moveUnit(from.id, into.id, at);
    await moveRequestReferences(tx, from, into, at, meta);
    // 知识库 entries: the successor keeps them up (issue 20).
    for (const stored of await tx.knowledge.listOwnedBy(from.id)) {
      await tx.knowledge.update(moveKnowledgeOwner(stored.entry, from.id, into.id), stored.version, at);
    }
    await tx.units.delete(id);
    let absorbed = into;
    if (from.area !== undefined) {
      await tx.units.update(into.id, { area: from.area });
      absorbed = await tx.units.get(into.id);
      await tx.audit.append(unitEvent(into.id, 'unit.update', into, absorbed, itemMeta));
    }
    const after = { mergedInto: { id: into.id, name: into.name }, moved };
    await tx.audit.append(unitEvent(id, 'unit.merge', from, after, meta));
    return { unit: absorbed, moved };
  });
}

/** Each task or target naming `from` now names `into` (version bumped), with its audit event. */
async function moveItems(
  store: Store,
  kind: 'task' | 'target',
  from: number,
  into: number,
  meta: ChangeMeta,
): Promise<void> {
  const before = await store.units.listItemsNaming(kind, from);
  const after = before.map((item) => ({ ...item, ...deriveMergedItemUnits(item, from, into) }));
  await store.units.writeItemUnits(kind, after, meta.at);
  for (const [i, item] of after.entries()) {
    const was = before[i]!;
    await store.audit.append(
      changeEvent(
        { type: kind, id: item.id },
        item.planId,
        { leadUnitId: was.leadUnitId, coUnitIds: was.coUnitIds },
        { leadUnitId: item.leadUnitId, coUnitIds: item.coUnitIds },
        { ...meta, action: `${kind}.update` },
      ),
    );
  }
}

/**
 * Moves the 接诉即办 side of a merge (职责划转) from unit `from` to unit `into`, inside the
 * caller's transaction: a `transferred` event on every order that names `from` as lead or
 * co-unit (appended version-checked; its follow-up rows follow the order), leftover 三率 rows,
 * themes (lead and task units), exemptions (the successor's own one of a month wins), and a
 * new catalogue version effective `at` with `from` replaced (versions are never edited; open
 * orders keep their version and deadlines). CONFLICT when a catalogue version is scheduled to
 * take effect after `at` and the catalogue names `from`: a version effective now cannot go
 * before it.
 */
async function moveRequestReferences(
  store: Store,
  from: Versioned<Unit>,
  into: Versioned<Unit>,
  at: string,
  meta: ChangeMeta | undefined,
): Promise<void> {
  const reason = meta?.reason ?? `unit ${from.name} merged into ${into.name}`;
  const jurisdictionId = from.jurisdictionId!;
  const catalogue = { versions: await store.requestSettings.listCatalogueVersions(jurisdictionId) };
  const units = (await store.units.list([jurisdictionId])).filter((unit) => unit.id !== from.id);
  // Refused before anything moves when a version scheduled for later stands in the way.
  const version = deriveMergedCatalogueVersion(catalogue, from, into, at, reason, units);

  // 职责划转: every order that names the unit gets its event, in the system's name.
  const actor: RequestActor = { userId: meta?.actor?.userId ?? null, role: 'system', unitIds: [] };
  for (const orderId of await store.requests.listOrderIdsOfUnit(from.id)) {
    const order = await store.requests.getOrder(orderId);
    const input = { type: 'transferred' as const, fromUnitId: from.id, toUnitId: into.id, reason };
    const next = applyEvent(order, input, actor, at);
    await store.requests.appendEvent(next.order, next.event, order.version);
  }
  // Rows an order's replay no longer names (none expected): they follow the lead unit too.
  await store.requests.moveFollowUps(from.id, into.id);
  await store.requestThemes.moveUnit(jurisdictionId, from.id, into.id);
  // A month both were exempt in keeps the successor's exemption (and its reason).
  await store.requestSettings.moveExemptions(from.id, into.id);

  if (version !== undefined) await store.requestSettings.addCatalogueVersion(jurisdictionId, version);
}
