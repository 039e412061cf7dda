import { describe, expect, it } from 'vitest';
import { replaceRadicals } from './radicals.js';

describe('replaceRadicals', () => {
  it('turns Kangxi and supplement radicals from a PDF text layer into ideographs', () => {
    // As pdf.js reads a Chromium-printed PDF of the example report (Noto CJK).
    expect(replaceRadicals('⼀、过去五年⼯作回顾')).toBe('一、过去五年工作回顾');
    expect(replaceRadicals('北京市昌平区⼈⺠政府代区⻓')).toBe('北京市昌平区人民政府代区长');
    expect(replaceRadicals('⻛险，⻜地，⻩河，⻰头')).toBe('风险，飞地，黄河，龙头');
  });

  it('leaves ideographs, full-width punctuation and digits alone', () => {
    const text = '地区生产总值增长６．５％左右；（一）“两区”';
    expect(replaceRadicals(text)).toBe(text);
  });
});
