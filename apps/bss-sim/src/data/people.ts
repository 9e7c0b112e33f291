import type { Rng } from './prng.js';

/**
 * Names, regions and VIP managers of a Guangdong provincial operator.
 * Weights follow the province roughly: 陈, 李, 黄 and 梁 are more common
 * there than nationally, Guangzhou and Shenzhen hold most subscribers.
 */

/** A city the operator serves. */
export interface Region {
  id: string;
  nameZh: string;
  nameEn: string;
  /** First six digits of ID cards issued there (used in the masked ID number). */
  idPrefix: string;
}

/** Cities with their share of subscribers (weights, not percentages). */
export const REGIONS: readonly (readonly [Region, number])[] = [
  [{ id: 'guangzhou', nameZh: '广州', nameEn: 'Guangzhou', idPrefix: '440106' }, 20],
  [{ id: 'shenzhen', nameZh: '深圳', nameEn: 'Shenzhen', idPrefix: '440305' }, 20],
  [{ id: 'dongguan', nameZh: '东莞', nameEn: 'Dongguan', idPrefix: '441900' }, 10],
  [{ id: 'foshan', nameZh: '佛山', nameEn: 'Foshan', idPrefix: '440604' }, 9],
  [{ id: 'huizhou', nameZh: '惠州', nameEn: 'Huizhou', idPrefix: '441302' }, 5],
  [{ id: 'shantou', nameZh: '汕头', nameEn: 'Shantou', idPrefix: '440507' }, 5],
  [{ id: 'zhanjiang', nameZh: '湛江', nameEn: 'Zhanjiang', idPrefix: '440802' }, 6],
  [{ id: 'maoming', nameZh: '茂名', nameEn: 'Maoming', idPrefix: '440902' }, 5],
  [{ id: 'zhongshan', nameZh: '中山', nameEn: 'Zhongshan', idPrefix: '442000' }, 4],
  [{ id: 'jiangmen', nameZh: '江门', nameEn: 'Jiangmen', idPrefix: '440703' }, 4],
  [{ id: 'zhaoqing', nameZh: '肇庆', nameEn: 'Zhaoqing', idPrefix: '441202' }, 4],
  [{ id: 'zhuhai', nameZh: '珠海', nameEn: 'Zhuhai', idPrefix: '440402' }, 3],
  [{ id: 'meizhou', nameZh: '梅州', nameEn: 'Meizhou', idPrefix: '441402' }, 3],
  [{ id: 'qingyuan', nameZh: '清远', nameEn: 'Qingyuan', idPrefix: '441802' }, 2],
];

/** Regions by id. */
export const REGION_BY_ID: ReadonlyMap<string, Region> = new Map(REGIONS.map(([r]) => [r.id, r]));

const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 12], ['李', 9], ['黄', 8], ['张', 7], ['梁', 5], ['林', 5], ['刘', 5], ['吴', 4], ['罗', 4],
  ['杨', 4], ['郑', 3], ['何', 3], ['王', 3], ['谢', 3], ['周', 2], ['冯', 2], ['邓', 2], ['曾', 2],
  ['叶', 2], ['蔡', 2], ['许', 2], ['苏', 2], ['卢', 2], ['钟', 2], ['潘', 2], ['朱', 1], ['胡', 1],
  ['郭', 1], ['赵', 1], ['徐', 1], ['孙', 1], ['马', 1], ['彭', 1], ['萧', 1], ['温', 1], ['欧阳', 1],
];

const GIVEN_MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '明', '辉', '俊', '志', '建', '华', '文', '浩', '宇', '鹏', '峰', '国', '荣', '锦', '家', '子', '嘉', '振', '晓', '永'];
const GIVEN_FEMALE = ['丽', '敏', '静', '芳', '婷', '玲', '燕', '娟', '霞', '颖', '慧', '琳', '欣', '雪', '晶', '佳', '倩', '雅', '思', '嘉', '晓', '美', '淑', '秀', '月', '凤', '珊', '咏'];

/** Names of foreign residents and Hong Kong/Macau holders, who keep Latin names. */
const LATIN_NAMES = ['David Chan', 'Maria Santos', 'Kenji Sato', 'Anna Müller', 'Peter Wong', 'Olivia Lam', 'James Smith', 'Nguyen Van An', 'Sophie Martin', 'Ryan Ho'];

/** One person: name and gender. */
export interface Person {
  name: string;
  gender: 'male' | 'female';
}

/** A mostly Chinese name: one or two given characters, 1 % Latin. */
export function drawPerson(rng: Rng): Person {
  const gender = rng.chance(0.5) ? 'male' : 'female';
  if (rng.chance(0.01)) return { name: rng.pick(LATIN_NAMES), gender };
  const given = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const first = rng.pick(given);
  const name = rng.weighted(SURNAMES) + first + (rng.chance(0.75) ? rng.pick(given) : '');
  return { name, gender };
}

/** A VIP manager (客户经理) who owns key customers in one region. */
export interface AccountManager {
  id: string;
  name: string;
  phone: string;
}

const MANAGER_SURNAMES = ['何', '梁', '陈', '黄', '林', '罗', '吴'];
const MANAGER_GIVEN = ['嘉欣', '志伟', '晓婷', '俊杰', '佳慧', '建华'];

/**
 * The VIP manager for a region: a team of three per city, picked by the
 * subscriber's stream. Their numbers are in the simulator's reserved block
 * (see msisdn.ts), so no generated subscriber has one.
 */
export function drawAccountManager(rng: Rng, region: Region): AccountManager {
  const regionNo = Math.max(0, REGIONS.findIndex(([r]) => r.id === region.id));
  const staffNo = regionNo * 3 + rng.int(3);
  const name = (MANAGER_SURNAMES[staffNo % MANAGER_SURNAMES.length] ?? '何') + (MANAGER_GIVEN[Math.floor(staffNo / MANAGER_SURNAMES.length) % MANAGER_GIVEN.length] ?? '嘉欣');
  return { id: `AM${1001 + staffNo}`, name, phone: `+861380019${String(staffNo).padStart(4, '0')}` };
}
