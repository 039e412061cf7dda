import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';

describe('axeViolations', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('names an unlabelled field and a button without a name', async () => {
    document.body.innerHTML = '<main><input type="text"><button></button></main>';
    const found = (await axeViolations()).map((v) => v.split(':')[0]);
    expect(found).toEqual(expect.arrayContaining(['label', 'button-name']));
  });

  it('is empty for a labelled field', async () => {
    document.body.innerHTML = '<main><label for="q">诉求内容</label><input id="q" type="text"></main>';
    expect(await axeViolations()).toEqual([]);
  });
});
