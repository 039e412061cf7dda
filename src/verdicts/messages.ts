/**
 * What followers read, in the words a Chinese government office writes: the confirmation
 * message, the digest and the words of each change. A message is channel-neutral (the shape of
 * the notification channels' `Notice`): the outbox's e-mail channel renders it.
 */
import type { TaskState } from '../plan/types.js';
import type { ChangeEvent, ChangeKind, DigestLine, FollowSubject, PlannedDigest } from './follow.js';
import { CONFIRM_TTL_HOURS } from './follow.js';
import { VERDICT_LABELS } from './verdict.js';
import type { Verdict } from './verdict.js';

/** One line of a message: an item with a link to it. */
export interface MessageItem {
  title: string;
  detail?: string;
  /** ISO date. */
  dueOn?: string;
  /** Absolute URL. */
  link: string;
}

/** A message before a channel renders it (the notification channels' `Notice`). */
export interface FollowMessage {
  /** `follow.confirm` or `follow.digest`. */
  kind: string;
  title: string;
  intro: string;
  items: MessageItem[];
  link?: string;
  /** Who signs it: the plan office's name, from the deployment's data. */
  sender: string;
  severity?: 'info' | 'warning' | 'urgent';
  /** One-click unsubscribe (RFC 8058). */
  unsubscribeUrl?: string;
}

/** A commitment as a message names it. */
export interface SubjectInfo {
  title: string;
  /** A target's unit ("人", "%"), for a change of value. */
  unit?: string;
  /** The deadline in force, ISO date. */
  dueOn?: string;
  /** Absolute URL of its public page. */
  url: string;
}

export const TASK_STATE_LABELS: Readonly<Record<TaskState, string>> = Object.freeze({
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  closed: '已销号',
});

/** The words of each kind of change. */
export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = Object.freeze({
  verdict: '进展评估',
  state: '办理状态',
  deadline: '完成时限',
  value: '目标值',
  evidence: '公开佐证材料',
});

/**
 * An ISO date as offices write it.
 * @example
 * formatChineseDate('2022-06-30') // '2022年6月30日'
 */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function word(kind: ChangeKind, value: string | number | null, unit: string | undefined): string {
  if (value === null) return '无';
  if (kind === 'verdict') return VERDICT_LABELS[value as Verdict] ?? String(value);
  if (kind === 'state') return TASK_STATE_LABELS[value as TaskState] ?? String(value);
  if (kind === 'deadline') return formatChineseDate(String(value));
  if (kind === 'value') return `${String(value)}${unit ?? ''}`;
  return `${String(value)}份`;
}

/**
 * One change in words: "完成时限由2022年6月30日调整为2022年9月30日", "公开佐证材料新增2份".
 * @example
 * describeChange({ kind: 'verdict', before: 'on_track', after: 'behind' }) // '进展评估由“按计划推进”调整为“滞后”'
 */
export function describeChange(
  change: Pick<ChangeEvent, 'kind' | 'before' | 'after'>,
  unit?: string,
): string {
  const label = CHANGE_KIND_LABELS[change.kind];
  if (change.kind === 'evidence') {
    const added = Number(change.after ?? 0) - Number(change.before ?? 0);
    return added > 0 ? `${label}新增${added}份` : `${label}已更新`;
  }
  const quote = change.kind === 'verdict' || change.kind === 'state';
  const show = (v: string | number | null) =>
    quote ? `“${word(change.kind, v, unit)}”` : word(change.kind, v, unit);
  if (change.before === null) return `${label}为${show(change.after)}`;
  return `${label}由${show(change.before)}调整为${show(change.after)}`;
}

function subjectKey(subject: { type: string; id: number }, planId: number): string {
  return `${planId}:${subject.type}:${subject.id}`;
}

/** The key `SubjectInfo` maps are looked up by. */
export function infoKey(planId: number, subject: { type: string; id: number }): string {
  return subjectKey(subject, planId);
}

const SUBJECT_WORDS: Readonly<Record<FollowSubject['kind'], string>> = Object.freeze({
  task: '重点任务',
  target: '目标指标',
  chapter: '工作板块',
  plan: '全部承诺事项',
});

/**
 * The confirmation message of a follow by e-mail (double opt-in): what was asked, the link that
 * confirms it, how long it is good, and what to do if one did not ask.
 */
export function composeConfirmation(input: {
  subject: FollowSubject;
  subjectTitle: string;
  confirmUrl: string;
  sender: string;
}): FollowMessage {
  const what = `${SUBJECT_WORDS[input.subject.kind]}“${input.subjectTitle}”`;
  return {
    kind: 'follow.confirm',
    title: `【请确认】关注${what}`,
    intro:
      `您（或他人使用您的邮箱）申请关注${what}的进展。请在${CONFIRM_TTL_HOURS}小时内打开下方链接确认，` +
      '确认后事项的进展评估、办理状态、完成时限或公开佐证材料发生变化时，我们将以摘要邮件告知您。' +
      '如非本人操作，请忽略本邮件，您不会收到任何其他邮件。',
    items: [{ title: `确认关注：${input.subjectTitle}`, link: input.confirmUrl }],
    link: input.confirmUrl,
    sender: input.sender,
    severity: 'info',
  };
}

function lineItem(line: DigestLine, info: SubjectInfo): MessageItem {
  const detail = line.changes.map((c) => describeChange(c, info.unit)).join('；');
  return { title: info.title, detail, ...(info.dueOn ? { dueOn: info.dueOn } : {}), link: info.url };
}

/**
 * A follower's digest: one message for the period, one line per commitment that changed, each
 * change in words, with the one-click link that ends every follow of the address. Undefined
 * when none of its commitments is public any more (send nothing).
 */
export function composeDigest(
  digest: PlannedDigest,
  subjects: ReadonlyMap<string, SubjectInfo>,
  options: { sender: string; unsubscribeUrl: string; followsUrl?: string },
): FollowMessage | undefined {
  const when =
    digest.period.cadence === 'daily'
      ? formatChineseDate(digest.period.key)
      : `${formatChineseDate(digest.period.start.slice(0, 10))}所在周`;
  // A commitment no longer public (`subjects` lacks it) is left out of the message.
  const items = digest.lines.flatMap((l) => {
    const info = subjects.get(subjectKey(l.subject, l.planId));
    return info ? [lineItem(l, info)] : [];
  });
  const count = items.length;
  if (count === 0) return undefined;
  return {
    kind: 'follow.digest',
    title: `【关注提醒】您关注的${count}项承诺事项有新进展（${when}）`,
    intro: `${when}，您关注的承诺事项中有${count}项发生变化，摘要如下。点击事项名称可查看详情、完成时限和公开佐证材料。`,
    items,
    ...(options.followsUrl ? { link: options.followsUrl } : {}),
    sender: options.sender,
    severity: 'info',
    unsubscribeUrl: options.unsubscribeUrl,
  };
}
