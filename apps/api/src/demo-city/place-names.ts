import type { Rng } from './rng';

/**
 * Word pools for the fictional 江川市. Generic words only (朝阳, 人民, 幸福 exist in every Chinese city);
 * distinctive real place names are left out so nobody mistakes the demo for a real city.
 */
export const CITY_NAME = '江川市';

const DISTRICTS = [
  '临江',
  '青山',
  '江南',
  '北湖',
  '东城',
  '西城',
  '新港',
  '云溪',
  '松林',
  '金沙',
  '凤鸣',
  '白塔',
  '龙泉',
  '柳河',
  '石门',
  '清水',
];
// Outer divisions of a prefecture are often counties (县); the level stays 'district'.
const COUNTIES = ['南屏', '梅岭', '鹤山', '桃源'];
const COUNTY_FROM_INDEX = 13;

const STREET_WORDS =
  '滨江 朝阳 望江 新华 人民 解放 和平 东风 红旗 建设 胜利 光明 长安 文昌 北门 南关 西湖 东湖 中山 天宁 云台 凤凰 ' +
  '龙潭 金桥 银河 翠屏 碧波 白沙 黄龙 玉泉 锦绣 华侨 兴隆 永安 太平 长乐 安定 体育 大学 科技 工业 港口 车站 ' +
  '城南 城北 城东 城西 江湾 沙洲 柳堤 桃园 梅园 竹林 松涛 石桥 古城 新城 鼓楼 钟楼 书院 学府 湖滨 月湖 星湖 ' +
  '双塘 三里 五里 七里 九龙 万福 百合 仙林 紫金 青年 振兴 前进 红星 向阳 东升 旭日';
const TOWN_WORDS =
  '青石 白马 黄桥 柳林 河口 双河 三河 龙湾 马集 杨庄 李集 王桥 沙河 大埠 石塘 高桥 新店 东坝 西岗 南岗 北山 ' +
  '花山 桥头 土桥 上坊 白湖 长岗 丁庄 官塘 红山 古泉 金牛 青龙 回峰 孟塘 竹山 杏林 梨园 荷塘 稻香 麦田 ' +
  '枫林 芦苇 鹭洲 鱼池 栗园 茶岭 桑园 蒲塘 菱湖 莲塘 槐树 榆林 杉木 樟树 竹溪 溪口';
const COMMUNITY_WORDS =
  '幸福 东湖 金桥 阳光 和谐 康乐 丽景 翠苑 锦华 春晖 秋实 梅林 桂花 紫荆 玉兰 银杏 香樟 芙蓉 牡丹 兰亭 清风 ' +
  '明月 朝晖 晨曦 彩虹 星光 曙光 南苑 北苑 东苑 西苑 龙江 虹桥 长江 黄河 泰山 华山 天山 富康 安居 乐业 和平 ' +
  '永乐 吉祥 如意 福寿 康宁 怡景 绿洲 滨湖 观澜 听涛 沁园 文华 书香 育才 学苑 科苑 工农 人民 解放 胜利 ' +
  '建国 团结 友谊 红旗 新风 向荣 光华 振华 兴华 中华 民主 健康 迎宾 枫叶 柳岸 荷花 杏花 海棠 丁香 水仙 石榴';
const FACTORIES =
  '纺织厂 机械厂 钢铁厂 化肥厂 造船厂 电厂 棉纺厂 机床厂 水泥厂 玻璃厂 印染厂 煤矿 轴承厂 柴油机厂 农机厂 ' +
  '面粉厂 肉联厂 自行车厂 缝纫机厂 无线电厂 仪表厂 橡胶厂 造纸厂 电缆厂';
const NEW_BUILD_SUFFIXES = ['华府', '雅居', '花园', '名城', '公馆', '新城', '佳园', '天地', '御景', '悦府'];
const RESIDENTIAL_SUFFIXES = ['', '', '', '里', '路', '坊', '新村', '苑', '桥'];
const FRINGE_SUFFIXES = ['家营', '家湾', '家庄', '家桥', '家圩', '家洼'];
const VILLAGE_SUFFIXES = ['家村', '庄村', '桥村', '湾村', '圩村', '岗村', '集村'];
// Surnames that commonly name villages and resettled hamlets (王家营, 李庄).
const CLAN_SURNAMES =
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹'.split(' ');

const words = (pool: string): string[] => pool.split(/\s+/).filter(Boolean);
const streetWords = words(STREET_WORDS);
const townWords = words(TOWN_WORDS);
const communityWords = words(COMMUNITY_WORDS);
const factories = words(FACTORIES);

export type CommunityKind = 'residential' | 'enterprise' | 'fringe' | 'new_build' | 'village';

/**
 * Tries fresh names until one is unused under the parent, then falls back to a direction prefix and
 * finally a serial, so the loop always ends even when a pool is smaller than a huge street.
 */
function unique(used: Set<string>, make: () => string, suffix: string): string {
  for (let attempt = 0; attempt < 40; attempt++) {
    const name = make() + suffix;
    if (!used.has(name)) return remember(used, name);
  }
  for (const prefix of ['东', '西', '南', '北', '新', '上', '下']) {
    const name = prefix + make() + suffix;
    if (!used.has(name)) return remember(used, name);
  }
  let serial = 2;
  const base = make();
  while (used.has(`${base}${serial}${suffix}`)) serial++;
  return remember(used, `${base}${serial}${suffix}`);
}

function remember(used: Set<string>, name: string): string {
  used.add(name);
  return name;
}

export function districtName(rng: Rng, index: number, used: Set<string>): string {
  if (index >= COUNTY_FROM_INDEX) return unique(used, () => rng.pick(COUNTIES), '县');
  // The first districts take the pool in order, so the demo's first district is always 临江区.
  const inOrder = DISTRICTS[index];
  if (inOrder && !used.has(`${inOrder}区`)) return remember(used, `${inOrder}区`);
  return unique(used, () => rng.pick(DISTRICTS), '区');
}

export function streetName(rng: Rng, isTown: boolean, used: Set<string>): string {
  return isTown
    ? unique(used, () => rng.pick(townWords), '镇')
    : unique(used, () => rng.pick(streetWords), '街道');
}

export function communityName(rng: Rng, kind: CommunityKind, used: Set<string>): string {
  const make: Record<CommunityKind, () => string> = {
    residential: () => rng.pick(communityWords) + rng.pick(RESIDENTIAL_SUFFIXES),
    enterprise: () => rng.pick(factories) + rng.pick(['', '', '新村']),
    fringe: () =>
      rng.chance(0.6)
        ? rng.pick(CLAN_SURNAMES) + rng.pick(FRINGE_SUFFIXES)
        : `${rng.pick(communityWords)}家园`,
    new_build: () => rng.pick(communityWords) + rng.pick(NEW_BUILD_SUFFIXES),
    village: () =>
      rng.chance(0.7)
        ? rng.pick(CLAN_SURNAMES) + rng.pick(VILLAGE_SUFFIXES).slice(0, -1)
        : rng.pick(townWords),
  };
  return unique(used, make[kind], kind === 'village' ? '村' : '社区');
}

/** 第N网格: numbered so that the grid's name and its code serial agree. */
export const gridName = (serial: number): string => `第${serial}网格`;

/** Street branches of district departments: every street has a police station and a justice office. */
export const STREET_BRANCHES = [
  { suffix: '派出所', departmentType: 'public_security', abbr: 'PCS' },
  { suffix: '司法所', departmentType: 'justice', abbr: 'SFS' },
] as const;

/** The functional departments at city and district level (SPEC §2), with the code abbreviation. */
export const DEPARTMENTS = [
  { name: '民政局', departmentType: 'civil_affairs', abbr: 'MZ' },
  { name: '公安局', departmentType: 'public_security', abbr: 'GA' },
  { name: '人社局', departmentType: 'human_resources', abbr: 'RS' },
  { name: '卫健委', departmentType: 'health', abbr: 'WJ' },
  { name: '住建局', departmentType: 'housing', abbr: 'ZJ' },
  { name: '城管局', departmentType: 'urban_management', abbr: 'CG' },
  { name: '司法局', departmentType: 'justice', abbr: 'SF' },
  { name: '市场监管局', departmentType: 'market_regulation', abbr: 'SJ' },
] as const;
