import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  DEFAULT_LIBRARIES,
  DEFAULT_STAGE_MODEL,
  currentStage,
  findLibrary,
  findStage,
  parseTargetStage,
  reachedOn,
  resolveStageModel,
  roleStage,
  stageAt,
  stageIndex,
} from './stages.js';
import type { StageModel } from './types.js';

const M = DEFAULT_STAGE_MODEL;

describe('the default stage model', () => {
  it('runs 谋划 → 洽谈 → 签约 → 入库 → 开工 → 建设 → 建成投用 → 达产 and passes its own check', () => {
    expect(M.stages.map((s) => s.name)).toEqual([
      '谋划',
      '洽谈',
      '签约',
      '入库',
      '开工',
      '建设',
      '建成投用',
      '达产',
    ]);
    expect(resolveStageModel(M)).toBe(M);
    expect(stageIndex(M, '开工')).toBe(4);
    expect(stageIndex(M, '储备')).toBe(-1);
    expect(roleStage(M, 'completed').id).toBe('建成投用');
  });
});

describe('resolveStageModel', () => {
  const base = (): StageModel => structuredClone(M);
  it('lists every problem with its path', () => {
    const cases: [string, (m: StageModel) => void, { path: string; message: RegExp }[]][] = [
      [
        'a duplicate id',
        (m) => (m.stages[1]!.id = '谋划'),
        [{ path: 'stages.1.id', message: /duplicate id "谋划"/ }],
      ],
      [
        'an alias naming another stage',
        (m) => m.stages[7]!.aliases.push('投产'),
        [{ path: 'stages.7.name', message: /"投产" also names stage 7/ }],
      ],
      [
        'a missing role',
        (m) => delete m.stages[4]!.role,
        [{ path: 'stages', message: /no stage has the role started/ }],
      ],
      [
        'roles out of order',
        (m) => {
          m.stages[4]!.role = 'building';
          m.stages[5]!.role = 'started';
        },
        [{ path: 'stages', message: /roles must follow the order/ }],
      ],
      ['one stage', (m) => m.stages.splice(1), [{ path: 'stages', message: /at least two stages/ }]],
    ];
    for (const [what, change, expected] of cases) {
      const model = base();
      change(model);
      try {
        resolveStageModel(model);
        expect.unreachable(what);
      } catch (error) {
        expect(isAppError(error, 'BAD_INPUT'), what).toBe(true);
        const details = (error as { details: { path: string; message: string }[] }).details;
        for (const e of expected)
          expect(
            details.some((d) => d.path === e.path && e.message.test(d.message)),
            `${what}: ${JSON.stringify(details)}`,
          ).toBe(true);
      }
    }
  });
});

describe('findStage', () => {
  it('reads a ledger cell by id, name or alias', () => {
    const cases: [string, string | undefined][] = [
      ['开工', '开工'],
      [' 在 建 ', '建设'],
      ['投产', '建成投用'],
      ['储备', '谋划'],
      ['签约落地', '签约'],
      ['达产达效', '达产'],
      ['完成', undefined],
    ];
    for (const [cell, stage] of cases) expect(findStage(M, cell)?.id, cell).toBe(stage);
  });
});

describe('parseTargetStage', () => {
  it("maps the steps reports write to the model's stage, the longest word winning", () => {
    const cases: [string, string | undefined][] = [
      ['签约落地', '签约'],
      ['落地', '签约'],
      ['引入', '签约'],
      ['新入库', '入库'],
      ['开工建设', '开工'],
      ['开复工', '开工'],
      ['启动建设', '开工'],
      ['建设', '建设'],
      ['主体结构封顶', '建设'],
      ['设计建设', '建设'],
      ['建成投用', '建成投用'],
      ['竣工开学', '建成投用'],
      ['建成通车', '建成投用'],
      ['投入使用', '建成投用'],
      ['开业运营', '建成投用'],
      ['竣工验收', '建成投用'],
      ['达产', '达产'],
      // Steps no stage reads: a person chooses.
      ['改造提升', undefined],
      ['前期工作', undefined],
      ['供应', undefined],
      ['入市', undefined],
      ['实施', undefined],
    ];
    for (const [step, stage] of cases) expect(parseTargetStage(M, step), step).toBe(stage);
  });
});

describe('findLibrary', () => {
  it('names the library a text speaks of, by its longest word', () => {
    const cases: [string, string | undefined][] = [
      ['深化“一库四机制”，力争新入库重大项目30个', 'major'],
      ['充实调整高精尖产业项目库', 'industry'],
      ['动态完善城市更新项目库，分类实施老旧厂房更新等60个年度项目', 'renewal'],
      ['建立高校、科研院所和企业科技成果项目库', 'science'],
      ['推动A、B等40个项目签约落地', undefined],
    ];
    for (const [text, code] of cases) expect(findLibrary(DEFAULT_LIBRARIES, text)?.code, text).toBe(code);
  });
});

describe('stageAt, reachedOn, currentStage', () => {
  const project = {
    history: [
      { stage: '洽谈', date: '2021-05-01' },
      { stage: '开工', date: '2022-04-01' },
      { stage: '入库', date: '2022-06-01', reason: '规划调整' },
      { stage: '开工', date: '2022-09-01' },
    ],
  };
  it('gives the stage at the end of a day, undefined before the first entry', () => {
    const cases: [string, string | undefined][] = [
      ['2021-04-30', undefined],
      ['2021-05-01', '洽谈'],
      ['2022-03-31', '洽谈'],
      ['2022-04-01', '开工'],
      ['2022-07-01', '入库'],
      ['2023-01-01', '开工'],
    ];
    for (const [day, stage] of cases) expect(stageAt(project, day), day).toBe(stage);
  });
  it('gives the day a stage or a later one was first reached; a move back does not undo it', () => {
    const cases: [string, string | undefined][] = [
      ['洽谈', '2021-05-01'],
      ['签约', '2022-04-01'], // skipped: passed when 开工 was reached
      ['开工', '2022-04-01'],
      ['建设', undefined],
    ];
    for (const [stage, day] of cases) expect(reachedOn(M, project, stage), stage).toBe(day);
    expect(() => reachedOn(M, project, '储备')).toThrow(/Unknown stage/);
  });
  it('the current stage is the last entry; an empty history is refused', () => {
    expect(currentStage(project)).toBe('开工');
    expect(() => currentStage({ history: [] })).toThrow(/at least one stage/);
  });
});
