import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { antdFolders, BASE, ownerOf, partsImported, splitAntdCss, topLevelBlocks } from '../web/antd-css.js';

const COMPONENTS = ['button', 'input', 'input-number', 'select', 'grid', 'col', 'form', 'typography'];

describe('antd’s stylesheet cut by component (web/antd-css.ts)', () => {
  it('reads top-level rules and at-rules whole, braces in strings and comments included', () => {
    const css =
      '.a{content:"}"}/* } */@media (min-width:1px){.b{color:red}.c{color:blue}}@layer x;.d::after{content:\'{\'}';
    expect(topLevelBlocks(css)).toEqual([
      '.a{content:"}"}',
      '/* } */@media (min-width:1px){.b{color:red}.c{color:blue}}',
      '@layer x;',
      ".d::after{content:'{'}",
    ]);
    expect(() => topLevelBlocks('.a{color:red')).toThrow(/ends inside a rule/);
  });

  it('gives a rule to the component whose class it names first, the longest name winning', () => {
    expect(ownerOf('.ant-btn-primary:hover{color:red}', COMPONENTS)).toBe('button');
    expect(ownerOf('.ant-input-number-handler{color:red}', COMPONENTS)).toBe('input-number');
    expect(ownerOf('.ant-input-affix-wrapper .ant-btn{color:red}', COMPONENTS)).toBe('input');
    expect(ownerOf('.ant-col-xs-24{flex:1}', COMPONENTS)).toBe('grid');
    expect(ownerOf('.ant-form-item .ant-select{width:1px}', COMPONENTS)).toBe('form');
    expect(ownerOf('@media (max-width:575px){.ant-col-xs-24{flex:1}}', COMPONENTS)).toBe('grid');
    // Shared by many: keyframes, motion classes, icons, links, tokens.
    expect(ownerOf('@keyframes antZoomIn{0%{opacity:0}}', COMPONENTS)).toBe(BASE);
    expect(ownerOf('.ant-zoom-big-enter{opacity:0}', COMPONENTS)).toBe(BASE);
    expect(ownerOf('.anticon{display:inline-flex}', COMPONENTS)).toBe(BASE);
    expect(ownerOf('a:hover{color:blue}', COMPONENTS)).toBe(BASE);
  });

  it('cuts antd’s own stylesheet losing no rule, each part in one layer in the file’s order', () => {
    const { es, components } = antdFolders();
    const file = readFileSync(join(dirname(es), 'dist', 'antd.css'), 'utf8');
    const parts = splitAntdCss(file, components);
    const blocks = topLevelBlocks(file);
    const inParts = [...parts.values()].flatMap((css) => {
      expect(css.startsWith('@layer antd{')).toBe(true);
      return topLevelBlocks(css.slice('@layer antd{'.length, css.lastIndexOf('}')));
    });
    expect(inParts.length).toBe(blocks.length);
    expect(new Set(inParts)).toEqual(new Set(blocks));
    // Each part keeps the file's order.
    const button = topLevelBlocks(parts.get('button')!.slice('@layer antd{'.length, -2));
    const positions = button.map((b) => blocks.indexOf(b));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(parts.get('button')).toContain('.ant-btn');
    expect(parts.get('button')).not.toContain('.ant-table-');
    expect(parts.get('date-picker')).toContain('.ant-picker');
    // What a page needs of the button and the base part is a small share of the whole.
    expect(parts.get('button')!.length + parts.get(BASE)!.length).toBeLessThan(file.length / 5);
  });

  it('makes a component’s code bring its styles, never a style module bringing another’s', () => {
    expect(
      partsImported('button/Button.js', "import useStyle from './style';\nimport x from '../space/Compact';"),
    ).toEqual(['button']);
    expect(partsImported('input/Input.js', "import useStyle, { useSharedStyle } from './style';")).toEqual([
      'input',
    ]);
    expect(
      partsImported(
        'date-picker/generatePicker/index.js',
        "import useStyle from '../style';\nimport '../../style';",
      ),
    ).toEqual(['date-picker']);
    expect(partsImported('input-number/InputNumber.js', "import { x } from '../input/style/token';")).toEqual(
      ['input'],
    );
    expect(partsImported('_util/wave/index.js', "import useStyle from './style';")).toEqual(['_util/wave']);
    expect(partsImported('config-provider/index.js', '')).toEqual([BASE]);
    // The modal's styles use the grid's breakpoints: no grid rules for that.
    expect(partsImported('modal/style/index.js', "import { getMediaSize } from '../../grid/style';")).toEqual(
      [],
    );
    expect(partsImported('theme/internal.js', "import x from '../button/style';")).toEqual([]);
  });
});
