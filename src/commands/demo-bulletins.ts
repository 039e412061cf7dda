/**
 * The monthly 通报 of the demo year (issue 18 in the demo): the office sets its standing words
 * (who issues, to whom, in the jurisdiction's own words from its demo.json), then early each next
 * month writes the draft (文号, requirements) and issues it through the same commands the
 * 通报 page uses, at the time it would have. Deterministic: the same year gives the same bulletins.
 */
import type { DemoBulletinWords } from '../documents/demo-setup.js';
import type { Actor } from '../plan/audit.js';
import type { Store } from '../store/types.js';
import {
  DEFAULT_BULLETIN_SETTINGS,
  issueBulletin,
  loadBulletinSettings,
  loadDraft,
  saveBulletinSettings,
  saveDraft,
} from './bulletins.js';
import { createRequestsCache } from './requests-setup.js';

export interface DemoBulletinsResult {
  /** The months issued, "2022-01"… in order. */
  months: string[];
}

/** 09:00 in Beijing on a day, months past December rolling into the next year. */
function beijingNine(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day, 1)).toISOString();
}

/** The 文号 of a month's issue: "昌政督通〔{year}〕{n}号" with the year and the month's place. */
export function demoBulletinNumber(pattern: string, year: number, n: number): string {
  return pattern.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));
}

/**
 * Issues the bulletin of every month of `year` on the 10th of the next month, by `office`
 * (the 督查室's account): settings saved first, each draft then issued at its version.
 */
export async function seedDemoBulletins(
  store: Store,
  jurisdictionId: number,
  year: number,
  words: DemoBulletinWords,
  office: Actor,
): Promise<DemoBulletinsResult> {
  const setup = await createRequestsCache(store).setup(jurisdictionId);
  const settings = await loadBulletinSettings(store, jurisdictionId);
  await saveBulletinSettings(
    store,
    jurisdictionId,
    {
      ...DEFAULT_BULLETIN_SETTINGS,
      ...settings.data,
      office: words.office,
      ...(words.addressees ? { addressees: words.addressees } : {}),
    },
    settings.version,
    office,
    beijingNine(year, 1, 5),
  );
  const months: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const now = beijingNine(year, m + 1, 10);
    const draft = await loadDraft(store, jurisdictionId, month);
    const saved = await saveDraft(
      store,
      jurisdictionId,
      month,
      {
        number: demoBulletinNumber(words.number, year, m),
        title: null,
        comments: [],
        requirements: words.requirements,
      },
      draft.version,
      office,
      now,
    );
    await issueBulletin(store, jurisdictionId, setup, month, saved.version, { publicUrl: '' }, office, now);
    months.push(month);
  }
  return { months };
}
