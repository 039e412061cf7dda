/**
 * Setting up a jurisdiction from its definition (issue 16.1, src/documents/jurisdiction-folder.ts
 * reads it from files): the jurisdiction under its parent, its areas, its units with their
 * aliases (the units it already has found by name, alias or the naming rule and kept, units the
 * rule makes one merged — issue 14.5), the first catalogue version with the store's unit ids,
 * its scoring scheme and holiday tables, and one audit event — all in one transaction, so a
 * refusal anywhere leaves nothing half-created.
 */
import { AppError } from '../errors.js';
import { checkParent } from '../jurisdictions/codes.js';
import { toCatalogue } from '../jurisdictions/jurisdiction.js';
import type { JurisdictionDefinition } from '../jurisdictions/types.js';
import { createUnitMatcher } from '../jurisdictions/units.js';
import type { Unit } from '../plan/types.js';
import { DEFAULT_SCHEMES } from '../requests/scoring.js';
import type { JurisdictionRecord } from '../store/jurisdictions.js';
import type { ChangeMeta, Store, Versioned } from '../store/types.js';
import { changeEvent } from './frame.js';
import { createUnit, mergeUnit, updateUnit } from './units.js';

/** What a setup did, for the office to read back. */
export interface JurisdictionSetup {
  jurisdiction: JurisdictionRecord;
  /** True when it filled in the deployment's first jurisdiction (made before jurisdictions). */
  filledDefault: boolean;
  areas: number;
  unitsCreated: number;
  /** Units it already had, found by name, alias or the naming rule. */
  unitsKept: number;
  /** Pairs of units the naming rule made one: the second merged into the first (机构改革 merge). */
  unitsJoined: { kept: string; merged: string }[];
  /** False when the jurisdiction already had a catalogue (left as the admins made it). */
  catalogueAdded: boolean;
}

const problem = (path: string, message: string, code: 'BAD_INPUT' | 'CONFLICT' = 'BAD_INPUT') =>
  new AppError(code, message, [{ path, message }]);

/**
 * Sets up a checked definition (assertJurisdiction) as a jurisdiction, in one transaction.
 * The first setup of a deployment made before jurisdictions fills in its jurisdiction 1 (the
 * place it served) instead of adding one, so its plans, units and orders become that
 * jurisdiction's. BAD_INPUT when the parent is not set up or does not contain the code;
 * CONFLICT when the code or Open311 id is taken.
 */
export async function addJurisdiction(
  store: Store,
  def: JurisdictionDefinition,
  meta: ChangeMeta,
): Promise<JurisdictionSetup> {
  return store.transaction(async (tx) => {
    let parentId: number | null = null;
    if (def.parentCode !== undefined) {
      const parent = await tx.jurisdictions.findByCode(def.parentCode);
      if (!parent) throw problem('parent', `上级辖区（代码 ${def.parentCode}）尚未建立：请先建立上级`);
      const problems = checkParent(def, { code: def.parentCode, level: parent.level });
      if (problems.length > 0)
        throw new AppError('BAD_INPUT', problems.map((p) => p.message).join('；'), problems);
      parentId = parent.id;
    }
    if (await tx.jurisdictions.findByCode(def.code)) {
      throw problem('code', `代码为 ${def.code} 的辖区已经建立`, 'CONFLICT');
    }
    const open311Id = def.open311.jurisdictionId;
    const sameOpen311 = await tx.jurisdictions.findByOpen311Id(open311Id);
    if (sameOpen311)
      throw problem(
        'open311.jurisdictionId',
        `Open311 的 jurisdiction_id「${open311Id}」已由「${sameOpen311.name}」使用`,
        'CONFLICT',
      );

    const settings = {
      health: def.health,
      ...(def.open311.services ? { open311Services: def.open311.services } : {}),
      ...(def.notify?.inboxAfterHours === undefined ? {} : { inboxAfterHours: def.notify.inboxAfterHours }),
    };
    const fields = { code: def.code, name: def.name, level: def.level, parentId, open311Id, settings };
    const unnamed = (await tx.jurisdictions.list()).find((j) => j.code === null);
    let jurisdiction: JurisdictionRecord;
    if (unnamed) {
      jurisdiction = { ...unnamed, ...fields };
      if (!(await tx.jurisdictions.update(jurisdiction)))
        throw problem('code', '辖区正被他人设置：请重试', 'CONFLICT');
      jurisdiction = await tx.jurisdictions.get(unnamed.id);
    } else {
      jurisdiction = await tx.jurisdictions.insert(fields);
    }
    const id = jurisdiction.id;
    await tx.jurisdictions.replaceAreas(id, def.areas);
    const units = await setUpUnits(tx, id, def, meta);

    let catalogueAdded = false;
    if (def.catalogue && (await tx.requestSettings.listCatalogueVersions(id)).length === 0) {
      const withIds = units.byIndex.map((unit) => ({
        id: unit.id,
        name: unit.name,
        aliases: unit.aliases ?? [],
      }));
      for (const version of toCatalogue(def, withIds).versions)
        await tx.requestSettings.addCatalogueVersion(id, version);
      catalogueAdded = true;
    }
    if ((await tx.requestSettings.listScoringSchemes(id)).length === 0) {
      const scheme = def.scoring ? { ...def.scoring, version: 1 } : DEFAULT_SCHEMES.schemes[0]!;
      await tx.requestSettings.addScoringScheme(id, scheme);
    }
    for (const table of def.calendar) {
      const dates = (days: string[]) => Object.fromEntries(days.map((d) => [d, def.name]));
      await tx.requestSettings.saveHolidayTable({
        year: table.year,
        holidays: dates(table.holidays),
        workdays: dates(table.workdays),
        source: `${def.name}的设置文件`,
        loadedBy: meta.actor?.userId ?? null,
        loadedAt: meta.at,
      });
    }
    const setup: JurisdictionSetup = {
      jurisdiction,
      filledDefault: unnamed !== undefined,
      areas: def.areas.length,
      unitsCreated: units.created,
      unitsKept: units.kept,
      unitsJoined: units.joined,
      catalogueAdded,
    };
    const event = changeEvent(
      { type: 'jurisdiction', id },
      null,
      null,
      {
        code: def.code,
        name: def.name,
        level: def.level,
        parentId,
        areas: setup.areas,
        units: def.units.length,
      },
      { ...meta, action: unnamed ? 'jurisdiction.fill' : 'jurisdiction.create' },
    );
    await tx.audit.append({ ...event, jurisdictionId: id });
    return setup;
  });
}

/** Carries a setup's answer out of the transaction it is rolled back with. */
class RolledBack extends Error {
  constructor(readonly setup: JurisdictionSetup) {
    super('preview rolled back');
  }
}

/**
 * What `addJurisdiction` would do with this definition — the same checks (parent, code, Open311
 * id) and the same unit matching — run in a transaction that is then rolled back, so nothing is
 * created. The 新建辖区 page shows it before the office confirms.
 */
export async function previewJurisdiction(
  store: Store,
  def: JurisdictionDefinition,
  meta: ChangeMeta,
): Promise<JurisdictionSetup> {
  try {
    await store.transaction(async (tx) => {
      throw new RolledBack(await addJurisdiction(tx, def, meta));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.setup;
    throw error;
  }
  throw new AppError('INTERNAL', 'preview was not rolled back');
}

/**
 * The definition's units in the jurisdiction, in its order: each found among the units it has
 * (name, alias or rule) and given its kind, area and aliases, or created; then units the rule
 * makes one with a definition's unit are merged into it (their tasks, reports and orders follow).
 */
async function setUpUnits(
  tx: Store,
  jurisdictionId: number,
  def: JurisdictionDefinition,
  meta: ChangeMeta,
): Promise<{
  byIndex: Versioned<Unit>[];
  created: number;
  kept: number;
  joined: { kept: string; merged: string }[];
}> {
  const existing = await tx.units.list([jurisdictionId]);
  const matcher = createUnitMatcher(existing, def.name);
  const byIndex: Versioned<Unit>[] = [];
  let created = 0;
  let kept = 0;
  for (const unit of def.units) {
    const found = [unit.name, ...unit.aliases].map((n) => matcher.match(n)).find((m) => m !== undefined);
    if (!found) {
      byIndex.push(
        await createUnit(tx, {
          jurisdictionId,
          name: unit.name,
          kind: unit.kind,
          area: unit.area,
          aliases: unit.aliases,
        }),
      );
      created += 1;
      continue;
    }
    kept += 1;
    const have = found.unit;
    const aliases = [
      ...new Set([...(have.aliases ?? []), ...unit.aliases, ...(have.name === unit.name ? [] : [unit.name])]),
    ]
      .filter((a) => a !== have.name)
      .sort();
    // The office keeps its name; the file's name, when another, becomes an alias.
    const area = have.area ?? unit.area;
    if (have.kind !== unit.kind || have.area !== area) {
      await updateUnit(tx, have.id, { kind: unit.kind, area: area ?? null }, have.version, meta);
    }
    await tx.units.setAliases(jurisdictionId, have.id, aliases);
    byIndex.push({ ...(await tx.units.get(have.id)), aliases });
  }
  // Units left over that the rule makes one with a definition's unit: 回龙观街道 (a plan's)
  // beside 回龙观街道办事处 (the hotline's) become one, keeping the definition's.
  const chosen = new Set(byIndex.map((u) => u.id));
  const joined: { kept: string; merged: string }[] = [];
  const own = createUnitMatcher(byIndex, def.name);
  for (const unit of existing) {
    if (chosen.has(unit.id)) continue;
    const into =
      own.match(unit.name) ?? (unit.aliases ?? []).map((a) => own.match(a)).find((m) => m !== undefined);
    if (!into) continue;
    await mergeUnit(tx, unit.id, into.unit.id, undefined, {
      ...meta,
      reason: `「${unit.name}」与「${into.unit.name}」是同一单位（辖区设置）`,
    });
    joined.push({ kept: into.unit.name, merged: unit.name });
  }
  return { byIndex, created, kept, joined };
}
