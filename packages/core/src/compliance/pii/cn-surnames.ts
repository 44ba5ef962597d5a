/**
 * Chinese surname dictionary for the name detector: the common single-character surnames
 * (about 390 of the most frequent, covering the great majority of the population) and the compound surnames of the 百家姓 still in use.
 *
 * A few common surnames that are far more often function words (和, 那, 都, 来, 时, 由, 但, 位)
 * are left out: without word segmentation they would turn '和王先生' into a name.
 */

const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程' +
  '苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛' +
  '郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞' +
  '左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈' +
  '饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬' +
  '边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗' +
  '燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索' +
  '宣晋相初门云容敬扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危玉银亢' +
  '嵇公哈湛宾戎勾茅利於呼居揭干尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭' +
  // Among the 100 most common, missed by the first list (found by the generated test set).
  '赖洪萧';

const COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '闾丘',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '万俟',
  '申屠',
  '太叔',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '仲孙',
  '赫连',
  '司空',
  '拓跋',
  '东郭',
  '公羊',
  '谷梁',
  '左丘',
  '第五',
  '梁丘',
  '鲜于',
  '乐正',
  '漆雕',
  '公良',
  '巫马',
  '司寇',
  '颛孙',
  '亓官',
];

const EXCLUDED = new Set(['和', '那', '都', '来', '时', '由', '但', '位']);

/** Single-character surnames. */
export const CN_SINGLE_SURNAMES: ReadonlySet<string> = new Set(
  Array.from(SINGLE).filter((c) => !EXCLUDED.has(c)),
);

/** Two-character (compound) surnames. */
export const CN_COMPOUND_SURNAMES: ReadonlySet<string> = new Set(COMPOUND);
