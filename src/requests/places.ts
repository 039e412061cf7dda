/**
 * The jurisdiction a 12345 centre serves: its streets (街道) and towns (镇) with their
 * communities, and the units that take orders. Changping district is the example: its
 * streets and towns as the district lists them (回天 reorganisation included).
 */
import { AppError } from '../errors.js';
import type { Boundary } from '../jurisdictions/types.js';
import type { OrderLocation, RequestUnit } from './types.js';

export interface Area {
  name: string;
  kind: 'street' | 'town';
  communities: string[];
  /** A point inside the area (approximate centre), for synthetic coordinates, maps and routing. */
  lat?: number;
  long?: number;
  /** Its boundary (GeoJSON) when the jurisdiction's files give one: routing a point decides by it. */
  boundary?: Boundary;
}

export interface Jurisdiction {
  name: string;
  areas: Area[];
}

const area = (name: string, kind: Area['kind'], lat: number, long: number, communities: string[]): Area => ({
  name,
  kind,
  lat,
  long,
  communities,
});

/** Changping district (昌平区): the example jurisdiction. */
export const CHANGPING: Jurisdiction = {
  name: '昌平区',
  areas: [
    area('城北街道', 'street', 40.226, 116.236, ['西关社区', '宁馨苑社区', '南环里社区', '灰厂路社区']),
    area('城南街道', 'street', 40.208, 116.24, ['秋实家园社区', '昌盛园社区', '水关新村社区', '西环里社区']),
    area('回龙观街道', 'street', 40.07, 116.33, ['龙腾苑社区', '新龙城社区', '云趣园社区', '金域华府社区']),
    area('龙泽园街道', 'street', 40.078, 116.3, ['龙泽苑社区', '流星花园社区', '北郊农场社区']),
    area('史各庄街道', 'street', 40.09, 116.3, ['领秀慧谷社区', '融泽嘉园社区', '朱辛庄社区']),
    area('霍营街道', 'street', 40.07, 116.36, ['华龙苑社区', '蓝天园社区', '紫金新干线社区']),
    area('天通苑北街道', 'street', 40.085, 116.42, ['天通苑北一区社区', '天通苑北二区社区', '太平家园社区']),
    area('天通苑南街道', 'street', 40.065, 116.42, ['天通西苑一区社区', '天通中苑二区社区', '天通东苑社区']),
    area('东小口镇', 'town', 40.05, 116.39, ['芦村社区', '贺村社区', '森林大第社区']),
    area('南口镇', 'town', 40.23, 116.13, ['南口镇社区', '南农社区', '南口村']),
    area('沙河镇', 'town', 40.14, 116.28, ['沙河村', '于辛庄村', '七里渠南村']),
    area('小汤山镇', 'town', 40.18, 116.39, ['小汤山村', '大柳树村', '讲礼村']),
    area('北七家镇', 'town', 40.11, 116.43, ['平西府村', '东三旗村', '北七家村']),
    area('马池口镇', 'town', 40.19, 116.15, ['马池口村', '亭自庄村', '北小营村']),
    area('南邵镇', 'town', 40.22, 116.28, ['南邵村', '何营村', '张各庄村']),
    area('阳坊镇', 'town', 40.14, 116.13, ['阳坊村', '西贯市村']),
    area('百善镇', 'town', 40.17, 116.3, ['百善村', '上东廓村']),
    area('崔村镇', 'town', 40.23, 116.36, ['崔村', '真顺村']),
    area('兴寿镇', 'town', 40.24, 116.45, ['兴寿村', '秦家屯村']),
    area('流村镇', 'town', 40.24, 115.96, ['流村', '王家园村']),
    area('十三陵镇', 'town', 40.27, 116.22, ['长陵村', '昭陵村']),
    area('延寿镇', 'town', 40.31, 116.32, ['延寿村', '西湖村']),
  ],
};

/** Ids 101… for the streets and towns (in CHANGPING order), 201… departments, 301… enterprises. */
export const CHANGPING_UNITS: RequestUnit[] = [
  ...CHANGPING.areas.map((a, i) => ({
    id: 101 + i,
    name: a.kind === 'street' ? a.name.replace(/街道$/, '街道办事处') : a.name.replace(/镇$/, '镇人民政府'),
    kind: a.kind,
    area: a.name,
  })),
  { id: 201, name: '区住房和城乡建设委员会', kind: 'department' },
  { id: 202, name: '区城市管理委员会', kind: 'department' },
  { id: 203, name: '区水务局', kind: 'department' },
  { id: 204, name: '区人力资源和社会保障局', kind: 'department' },
  { id: 205, name: '区交通局', kind: 'department' },
  { id: 206, name: '区生态环境局', kind: 'department' },
  { id: 207, name: '区市场监督管理局', kind: 'department' },
  { id: 208, name: '区教育委员会', kind: 'department' },
  { id: 209, name: '区园林绿化局', kind: 'department' },
  { id: 301, name: '昌平区热力公司', kind: 'enterprise' },
  { id: 302, name: '昌平区自来水公司', kind: 'enterprise' },
];

/**
 * The area of a jurisdiction by name, or undefined.
 * @example
 * findArea(CHANGPING, '南口镇')?.kind // 'town'
 */
export function findArea(jurisdiction: Jurisdiction, name: string): Area | undefined {
  return jurisdiction.areas.find((a) => a.name === name);
}

/**
 * Checks that a location lies in the jurisdiction: its area is one of its streets or towns,
 * its community (when given) one of that area's. Throws BAD_INPUT naming the field otherwise.
 * @example
 * assertInJurisdiction(CHANGPING, { address: '回龙观西大街', area: '回龙观街道' }) // returns
 */
export function assertInJurisdiction(jurisdiction: Jurisdiction, location: OrderLocation): Area {
  const found = findArea(jurisdiction, location.area);
  if (!found) {
    throw new AppError('BAD_INPUT', `「${location.area}」不在${jurisdiction.name}辖区内`, [
      { path: 'location.area', message: `not a street or town of ${jurisdiction.name}` },
    ]);
  }
  if (
    location.community !== undefined &&
    location.community !== '' &&
    !found.communities.includes(location.community)
  ) {
    throw new AppError('BAD_INPUT', `「${location.community}」不是${found.name}的社区（村）`, [
      { path: 'location.community', message: `not a community of ${found.name}` },
    ]);
  }
  return found;
}
