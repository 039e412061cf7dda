/**
 * The demo's own file beside a jurisdiction's (`demo.json` in examples/jurisdictions/NAME): the
 * units `npm start` gives tasks to, chosen by words of the task, and one account per role. Demo
 * data is data: nothing of one place is written in code. Every problem is named at its key.
 */
import { z } from 'zod';
import { UNIT_KINDS } from '../contract/constants.js';
import { AppError } from '../errors.js';
import type { Role, UnitKind } from '../plan/types.js';

/** The file's name in a jurisdiction's folder. */
export const DEMO_FILE = 'demo.json';

const ROLES = ['admin', 'supervisor', 'reporter', 'leader'] as const satisfies readonly Role[];

const Keywords = z
  .string()
  .trim()
  .min(1, '应写关键词，用 | 隔开')
  .refine((text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  }, '关键词写法有误（用 | 隔开）');

const DemoFile = z
  .strictObject({
    note: z.string().optional(),
    units: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, '单位名称不能为空'),
          kind: z.enum(UNIT_KINDS, { message: `类型应为 ${UNIT_KINDS.join('、')} 之一` }),
          keywords: Keywords,
        }),
      )
      .min(1, '至少要有一个单位'),
    accounts: z
      .array(
        z.strictObject({
          username: z.string().trim().min(1, '用户名不能为空'),
          displayName: z.string().trim().min(1, '显示名不能为空'),
          role: z.enum(ROLES, { message: `角色应为 ${ROLES.join('、')} 之一` }),
          unit: z.string().trim().min(1).optional(),
        }),
      )
      .min(1, '至少要有一个账号'),
    bulletin: z
      .strictObject({
        office: z.string().trim().min(1, '印发通报的机关不能为空'),
        addressees: z.string().trim().min(1, '主送单位不能为空').optional(),
        number: z
          .string()
          .trim()
          .refine(
            (n) => n.includes('{year}') && n.includes('{n}'),
            '文号应含 {year} 和 {n}，如“督通〔{year}〕{n}号”',
          ),
        requirements: z.array(z.string().trim().min(1, '工作要求不能为空')).max(10, '工作要求最多10条'),
      })
      .optional(),
  })
  .superRefine((file, ctx) => {
    const names = new Set(file.units.map((u) => u.name));
    file.accounts.forEach((account, i) => {
      if (account.unit !== undefined && !names.has(account.unit)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', i, 'unit'],
          message: `units 中没有「${account.unit}」`,
        });
      }
      if (account.role === 'reporter' && account.unit === undefined) {
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'unit'], message: '填报员应写所属单位' });
      }
    });
    if (!file.accounts.some((a) => a.username === 'admin')) {
      ctx.addIssue({ code: 'custom', path: ['accounts'], message: '应有用户名为 admin 的账号' });
    }
  });

export interface DemoUnit {
  name: string;
  kind: UnitKind;
  keywords: RegExp;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  unit?: string;
}

/** The words of the demo's monthly 通报: who issues it, to whom, its 文号 and requirements. */
export interface DemoBulletinWords {
  office: string;
  addressees?: string;
  /** The 文号 with `{year}` and `{n}` (the month) in it: "督通〔{year}〕{n}号". */
  number: string;
  requirements: string[];
}

export interface DemoSetup {
  units: DemoUnit[];
  accounts: DemoAccount[];
  /** Absent: the demo issues no 通报. */
  bulletin?: DemoBulletinWords;
}

/**
 * Reads demo.json's bytes. Throws BAD_INPUT listing every problem at `demo.json:key.path`.
 * @example parseDemoSetup(readFileSync('examples/jurisdictions/changping/demo.json')).accounts[0]?.username // 'admin'
 */
export function parseDemoSetup(bytes: Uint8Array | undefined): DemoSetup {
  if (!bytes) {
    throw new AppError('BAD_INPUT', `文件夹中没有 ${DEMO_FILE}`, [
      { path: DEMO_FILE, message: '缺少演示数据文件' },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('BAD_INPUT', `${DEMO_FILE} 不是有效的 JSON`, [
      { path: DEMO_FILE, message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const parsed = DemoFile.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: `${DEMO_FILE}:${issue.path.join('.') || '(整个文件)'}`,
      message: issue.code === 'unrecognized_keys' ? `不认识的项：${issue.keys.join('、')}` : issue.message,
    }));
    throw new AppError('BAD_INPUT', `${DEMO_FILE} 有 ${details.length} 处问题`, details);
  }
  return {
    units: parsed.data.units.map((u) => ({ name: u.name, kind: u.kind, keywords: new RegExp(u.keywords) })),
    accounts: parsed.data.accounts.map(({ unit, ...a }) => ({
      ...a,
      ...(unit === undefined ? {} : { unit }),
    })),
    ...(parsed.data.bulletin
      ? {
          bulletin: {
            office: parsed.data.bulletin.office,
            ...(parsed.data.bulletin.addressees ? { addressees: parsed.data.bulletin.addressees } : {}),
            number: parsed.data.bulletin.number,
            requirements: parsed.data.bulletin.requirements,
          },
        }
      : {}),
  };
}
