import { type Rng, weightedPicker } from './rng';

/**
 * Chinese personal names with realistic frequencies. faker's zh_CN surnames are drawn uniformly (so 万俟
 * is as common as 王); here the top 100 carry weights in per cent of registered residents after the
 * Ministry of Public Security name reports: top 5 ≈ 31 %, top 100 = 85.9 % (research standards-data §5).
 * Individual weights past the top few are approximate; the shape of the curve is what matters.
 */
const TOP_100 =
  '王 7.12 李 7.00 张 6.74 刘 5.10 陈 4.61 杨 3.08 黄 2.50 赵 2.29 吴 2.05 周 1.93 徐 1.70 孙 1.53 马 1.46 ' +
  '胡 1.31 朱 1.26 郭 1.18 何 1.17 罗 0.98 高 0.96 林 0.95 郑 0.80 梁 0.77 谢 0.74 唐 0.72 宋 0.69 冯 0.65 ' +
  '许 0.65 韩 0.64 邓 0.63 彭 0.58 曹 0.56 曾 0.56 田 0.53 肖 0.53 潘 0.50 袁 0.49 董 0.48 蒋 0.47 蔡 0.46 ' +
  '余 0.45 于 0.44 杜 0.43 叶 0.42 程 0.41 魏 0.40 苏 0.39 吕 0.38 丁 0.37 任 0.36 卢 0.35 姚 0.35 沈 0.34 ' +
  '钟 0.34 姜 0.33 崔 0.33 谭 0.32 陆 0.32 范 0.31 汪 0.31 廖 0.30 石 0.30 金 0.29 韦 0.29 贾 0.28 夏 0.28 ' +
  '付 0.27 方 0.27 邹 0.26 熊 0.26 白 0.25 孟 0.25 秦 0.24 邱 0.24 侯 0.23 江 0.23 尹 0.22 薛 0.22 闫 0.21 ' +
  '段 0.21 雷 0.21 龙 0.20 黎 0.20 史 0.20 陶 0.19 贺 0.19 毛 0.18 郝 0.18 顾 0.18 龚 0.17 邵 0.17 万 0.17 ' +
  '覃 0.16 武 0.16 钱 0.16 戴 0.15 严 0.15 莫 0.15 孔 0.14 向 0.14 常 0.14';
/** The long tail shares the remaining 14.1 %; compound surnames are rarer still. */
const TAIL =
  '汤 康 易 乔 赖 文 樊 兰 殷 施 洪 牛 温 季 俞 章 鲁 葛 伍 申 尤 毕 聂 焦 柳 邢 路 岳 齐 梅 庞 祝 左 甘 安 柯 ' +
  '凌 褚 管 卞 宁 詹 关 包 单 符 麦 纪 舒 耿 鲍 童 华 骆 翟 裴 戚 滕';
const COMPOUND = '欧阳 司马 诸葛 上官 东方 皇甫 令狐 慕容 司徒 夏侯';
const TOP_100_SHARE = 0.859;

function surnameTable(): { names: string[]; weights: number[] } {
  const parts = TOP_100.split(/\s+/);
  const names = parts.filter((_, i) => i % 2 === 0);
  const weights = parts.filter((_, i) => i % 2 === 1).map(Number);
  const top = weights.reduce((a, b) => a + b, 0);
  const tail = TAIL.split(/\s+/);
  const compound = COMPOUND.split(/\s+/);
  // Compound surnames get a tenth of a simple tail surname's weight.
  const tailTotal = (top * (1 - TOP_100_SHARE)) / TOP_100_SHARE;
  const unit = tailTotal / (tail.length + compound.length / 10);
  return {
    names: [...names, ...tail, ...compound],
    weights: [...weights, ...tail.map(() => unit), ...compound.map(() => unit / 10)],
  };
}

export const SURNAMES = surnameTable();
export const TOP_SURNAMES: readonly string[] = SURNAMES.names.slice(0, 100);
export const pickSurname: (rng: Rng) => string = weightedPicker(SURNAMES.names, SURNAMES.weights);

export type Gender = 'male' | 'female';

/**
 * Given-name characters lean by gender and by generation: 建国 and 秀英 for people born before the
 * 1980s, 子涵 and 欣怡 after. Some characters (华, 涵, 一, 梓) are deliberately in both genders' pools.
 */
const GIVEN = {
  male: {
    older:
      '建 国 军 华 明 强 伟 平 志 刚 德 文 忠 永 海 林 春 长 宝 福 兴 荣 庆 东 卫 新 成 光 保 金 山 胜 利 祥 贵 发',
    younger:
      '浩 宇 轩 子 睿 博 泽 俊 杰 辰 涵 梓 皓 然 铭 天 一 鑫 磊 鹏 飞 凯 航 晨 昊 阳 旭 豪 翔 宸 佑 奕 锦 毅 帆 哲 乐 诚',
  },
  female: {
    older: '秀 英 兰 桂 芳 玉 珍 凤 琴 梅 华 霞 红 丽 淑 敏 美 素 萍 莲 云 春 艳 娟 燕 玲 慧 静 月 菊',
    younger:
      '欣 怡 雨 涵 梓 萱 诗 琪 佳 思 梦 悦 可 馨 若 一 语 彤 婷 雪 晴 颖 妍 蕾 瑶 嘉 婉 璐 晓 琳 心 月',
  },
} as const;

const pools = {
  male: { older: GIVEN.male.older.split(' '), younger: GIVEN.male.younger.split(' ') },
  female: { older: GIVEN.female.older.split(' '), younger: GIVEN.female.younger.split(' ') },
};

export function givenName(rng: Rng, gender: Gender, birthYear: number): string {
  // People born 1975–1990 draw from either generation's pool.
  const older = birthYear < 1975 || (birthYear < 1990 && rng.chance(0.5));
  const pool = pools[gender][older ? 'older' : 'younger'];
  if (rng.chance(older ? 0.22 : 0.1)) return rng.pick(pool);
  const first = rng.pick(pool);
  let second = rng.pick(pool);
  // A doubled character (婷婷, 明明) is a real but small minority; otherwise avoid repeats.
  if (second === first && !rng.chance(0.3)) second = rng.pick(pool);
  return first + second;
}

export function personName(rng: Rng, gender: Gender, birthYear: number): { surname: string; name: string } {
  const surname = pickSurname(rng);
  return { surname, name: surname + givenName(rng, gender, birthYear) };
}
