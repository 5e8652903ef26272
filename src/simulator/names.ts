import type { Rng } from '../domain/random';

const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['赵', 'Zhao'],
  ['黄', 'Huang'],
  ['周', 'Zhou'],
  ['吴', 'Wu'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['高', 'Gao'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['梁', 'Liang'],
  ['宋', 'Song'],
  ['郑', 'Zheng'],
  ['韩', 'Han'],
];
const GIVEN: readonly (readonly [string, string])[] = [
  ['建国', 'Jianguo'],
  ['秀兰', 'Xiulan'],
  ['志强', 'Zhiqiang'],
  ['桂英', 'Guiying'],
  ['文华', 'Wenhua'],
  ['玉梅', 'Yumei'],
  ['德明', 'Deming'],
  ['海燕', 'Haiyan'],
  ['振华', 'Zhenhua'],
  ['丽娟', 'Lijuan'],
  ['永福', 'Yongfu'],
  ['春花', 'Chunhua'],
  ['国庆', 'Guoqing'],
  ['淑芳', 'Shufang'],
  ['俊杰', 'Junjie'],
  ['红梅', 'Hongmei'],
  ['学军', 'Xuejun'],
  ['晓东', 'Xiaodong'],
  ['明辉', 'Minghui'],
  ['金凤', 'Jinfeng'],
  ['立新', 'Lixin'],
  ['翠萍', 'Cuiping'],
  ['长青', 'Changqing'],
  ['静', 'Jing'],
];

/** A synthetic mediator name, Chinese with pinyin: "王建国 (Wang Jianguo)". */
export function mediatorName(rng: Rng): string {
  const [sz, se] = rng.pick(SURNAMES);
  const [gz, ge] = rng.pick(GIVEN);
  return `${sz}${gz} (${se} ${ge})`;
}
