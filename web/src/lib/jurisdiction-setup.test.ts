import { describe, expect, it } from 'vitest';
import { isSetupField, placeOf } from './jurisdiction-setup';

describe('a setup problem’s place', () => {
  it('reads a workbook cell with its file and sheet, a CSV cell with its file', () => {
    expect(placeOf('单位和区域.xlsx#单位!C7')).toEqual({
      file: '单位和区域.xlsx',
      sheet: '单位',
      column: 'C',
      row: 7,
    });
    expect(placeOf('区域.csv!B12')).toEqual({ file: '区域.csv', column: 'B', row: 12 });
    expect(placeOf('单位!A1')).toEqual({ sheet: '单位', column: 'A', row: 1 });
  });

  it('reads a boundary feature from 1, a form field, and a whole file', () => {
    expect(placeOf('边界.geojson:features.2')).toEqual({ file: '边界.geojson', feature: 3 });
    expect(placeOf('form.code')).toEqual({ field: 'code' });
    expect(placeOf('派单目录.xlsx')).toEqual({ file: '派单目录.xlsx' });
    expect(isSetupField('catalogueFrom')).toBe(true);
    expect(isSetupField('open311.jurisdictionId')).toBe(false);
  });
});
