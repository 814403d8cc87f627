// The places `PlaceReader` knows, in one table.
//
// Source: the administrative divisions of the People's Republic of China as published by the
// Ministry of Civil Affairs (民政部《中华人民共和国行政区划统计表》, 2023): 34 province-level
// divisions (23 省, 5 自治区, 4 直辖市, 2 特别行政区) and 333 prefecture-level divisions
// (293 地级市, 7 地区, 30 自治州, 3 盟). Checked by hand against each province's own list;
// `ChinaRegionsTests` counts them. Hong Kong, Macau and Taiwan are listed as the regions a
// shop's fee table leaves out; 台北 and 高雄 are the Taiwanese cities buyers name.
//
// Flags: `isAmbiguous: true` marks a bare name that is also a common word or brand, which then
// counts only with its suffix (中山市) or after a word that introduces a place (寄到中山):
// 大同 (大同小异), 长治 (长治久安), 包头 (钱包头层牛皮), 兴安 (a county in Guangxi too),
// 朝阳 (Beijing's 朝阳区), 四平 (四平八稳), 白山, 黄山 (黄山毛峰), 三明 (三明治),
// 莆田 (莆田鞋, a kind of shoe), 日照 (sunlight), 开封 (unsealed), 中山 (中山路),
// 来宾 (guest), 普洱 (the tea), 阿里 (Alibaba), 安康 (wellbeing), 白银 (silver), 金昌, 海东.
// Considered and left unflagged, being rare as words: 通化, 吉安, 永州, 本溪, 丽江, 百色.

/// The province-level regions of China, the prefecture-level divisions under each, the places
/// abroad, and the words that contain a place name without naming a place.
enum ChinaRegions {
  /// The 34 province-level divisions, each with its prefecture-level divisions.
  static let provinces: [ProvinceRecord] = [
    // Municipalities (直辖市): no prefecture-level divisions.
    ProvinceRecord("北京", "北京市"),
    ProvinceRecord("天津", "天津市"),
    ProvinceRecord("上海", "上海市"),
    ProvinceRecord("重庆", "重庆市"),

    // North
    ProvinceRecord(
      "河北", "河北省",
      [
        "石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水",
      ]),
    ProvinceRecord(
      "山西", "山西省",
      [
        "太原", .city("大同", isAmbiguous: true), "阳泉", .city("长治", isAmbiguous: true),
        "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁",
      ]),
    ProvinceRecord(
      "内蒙古", "内蒙古自治区", also: ["内蒙"],
      [
        "呼和浩特", .city("包头", isAmbiguous: true), "乌海", "赤峰", "通辽", "鄂尔多斯",
        "呼伦贝尔", "巴彦淖尔", "乌兰察布",
        .league("兴安", isAmbiguous: true), .league("锡林郭勒"), .league("阿拉善"),
      ]),

    // North-east
    ProvinceRecord(
      "辽宁", "辽宁省",
      [
        "沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "盘锦",
        "铁岭", .city("朝阳", isAmbiguous: true), "葫芦岛",
      ]),
    ProvinceRecord(
      "吉林", "吉林省",
      [
        "长春", "吉林", .city("四平", isAmbiguous: true), "辽源", "通化",
        .city("白山", isAmbiguous: true), "松原", "白城",
        .autonomous("延边", "延边朝鲜族自治州"),
      ]),
    ProvinceRecord(
      "黑龙江", "黑龙江省",
      [
        "哈尔滨", "齐齐哈尔", "鸡西", "鹤岗", "双鸭山", "大庆", "伊春", "佳木斯", "七台河", "牡丹江",
        "黑河", "绥化",
        .prefecture("大兴安岭"),
      ]),

    // East
    ProvinceRecord(
      "江苏", "江苏省",
      [
        "南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江",
        "泰州", "宿迁",
        .countyLevelCity("昆山"), .countyLevelCity("常熟"), .countyLevelCity("张家港"),
        .countyLevelCity("江阴"),
      ]),
    ProvinceRecord(
      "浙江", "浙江省",
      [
        "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水",
        .countyLevelCity("义乌"), .countyLevelCity("慈溪"), .countyLevelCity("余姚"),
      ]),
    ProvinceRecord(
      "安徽", "安徽省",
      [
        "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆",
        .city("黄山", isAmbiguous: true), "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城",
      ]),
    ProvinceRecord(
      "福建", "福建省",
      [
        "福州", "厦门", .city("莆田", isAmbiguous: true), .city("三明", isAmbiguous: true),
        "泉州", "漳州", "南平", "龙岩", "宁德",
      ]),
    ProvinceRecord(
      "江西", "江西省",
      [
        "南昌", "景德镇", "萍乡", "九江", "新余", "鹰潭", "赣州", "吉安", "宜春", "抚州", "上饶",
      ]),
    ProvinceRecord(
      "山东", "山东省",
      [
        "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海",
        .city("日照", isAmbiguous: true), "临沂", "德州", "聊城", "滨州", "菏泽",
      ]),

    // Central
    ProvinceRecord(
      "河南", "河南省",
      [
        "郑州", .city("开封", isAmbiguous: true), "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作",
        "濮阳", "许昌", "漯河", "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店",
        .countyLevelCity("济源"),
      ]),
    ProvinceRecord(
      "湖北", "湖北省",
      [
        "武汉", "黄石", "十堰", "宜昌", .city("襄阳", also: ["襄樊"]), "鄂州", "荆门", "孝感",
        "荆州", "黄冈", "咸宁", "随州",
        .autonomous("恩施", "恩施土家族苗族自治州"),
        .countyLevelCity("仙桃"), .countyLevelCity("潜江"), .countyLevelCity("神农架"),
      ]),
    ProvinceRecord(
      "湖南", "湖南省",
      [
        "长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州",
        "怀化", "娄底",
        .autonomous("湘西", "湘西土家族苗族自治州"),
      ]),

    // South
    ProvinceRecord(
      "广东", "广东省",
      [
        "广州", "韶关", "深圳", "珠海", "汕头", "佛山", "江门", "湛江", "茂名", "肇庆", "惠州",
        "梅州", "汕尾", "河源", "阳江", "清远", "东莞", .city("中山", isAmbiguous: true), "潮州",
        "揭阳", "云浮",
      ]),
    ProvinceRecord(
      "广西", "广西壮族自治区",
      [
        "南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州",
        "河池", .city("来宾", isAmbiguous: true), "崇左",
      ]),
    ProvinceRecord("海南", "海南省", ["海口", "三亚", "三沙", "儋州"]),

    // South-west
    ProvinceRecord(
      "四川", "四川省",
      [
        "成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充",
        "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳",
        .autonomous("阿坝", "阿坝藏族羌族自治州"),
        .autonomous("甘孜", "甘孜藏族自治州"),
        .autonomous("凉山", "凉山彝族自治州"),
      ]),
    ProvinceRecord(
      "贵州", "贵州省",
      [
        "贵阳", "六盘水", "遵义", "安顺", "毕节", "铜仁",
        .autonomous("黔西南", "黔西南布依族苗族自治州"),
        .autonomous("黔东南", "黔东南苗族侗族自治州"),
        .autonomous("黔南", "黔南布依族苗族自治州"),
      ]),
    ProvinceRecord(
      "云南", "云南省",
      [
        "昆明", "曲靖", "玉溪", "保山", "昭通", "丽江", .city("普洱", isAmbiguous: true), "临沧",
        .autonomous("楚雄", "楚雄彝族自治州"),
        .autonomous("红河", "红河哈尼族彝族自治州"),
        .autonomous("文山", "文山壮族苗族自治州"),
        .autonomous("西双版纳", "西双版纳傣族自治州", also: ["版纳"]),
        .autonomous("大理", "大理白族自治州"),
        .autonomous("德宏", "德宏傣族景颇族自治州"),
        .autonomous("怒江", "怒江傈僳族自治州"),
        .autonomous("迪庆", "迪庆藏族自治州"),
      ]),
    ProvinceRecord(
      "西藏", "西藏自治区",
      [
        "拉萨", "日喀则", "昌都", "林芝", "山南", "那曲",
        .prefecture("阿里", isAmbiguous: true),
      ]),

    // North-west
    ProvinceRecord(
      "陕西", "陕西省",
      [
        "西安", "铜川", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林",
        .city("安康", isAmbiguous: true), "商洛",
      ]),
    ProvinceRecord(
      "甘肃", "甘肃省",
      [
        "兰州", "嘉峪关", .city("金昌", isAmbiguous: true), .city("白银", isAmbiguous: true),
        "天水", "武威", "张掖", "平凉", "酒泉", "庆阳", "定西", "陇南",
        .autonomous("临夏", "临夏回族自治州"),
        .autonomous("甘南", "甘南藏族自治州"),
      ]),
    ProvinceRecord(
      "青海", "青海省",
      [
        "西宁", .city("海东", isAmbiguous: true),
        .autonomous("海北", "海北藏族自治州"),
        .autonomous("黄南", "黄南藏族自治州"),
        // Bare 海南 is the province; the prefecture is only ever 海南州 or its full name.
        .autonomous("海南", "海南藏族自治州", hasBareName: false),
        .autonomous("果洛", "果洛藏族自治州"),
        .autonomous("玉树", "玉树藏族自治州"),
        .autonomous("海西", "海西蒙古族藏族自治州"),
      ]),
    ProvinceRecord("宁夏", "宁夏回族自治区", ["银川", "石嘴山", "吴忠", "固原", "中卫"]),
    ProvinceRecord(
      "新疆", "新疆维吾尔自治区",
      [
        "乌鲁木齐", "克拉玛依", "吐鲁番", "哈密",
        .prefecture("阿克苏"), .prefecture("喀什"), .prefecture("和田"), .prefecture("塔城"),
        .prefecture("阿勒泰"),
        .autonomous("昌吉", "昌吉回族自治州"),
        .autonomous("博尔塔拉", "博尔塔拉蒙古自治州"),
        .autonomous("巴音郭楞", "巴音郭楞蒙古自治州"),
        .autonomous("克孜勒苏", "克孜勒苏柯尔克孜自治州"),
        .autonomous("伊犁", "伊犁哈萨克自治州"),
        .countyLevelCity("石河子"),
      ]),

    // Outside the mainland: the shop's fee table does not cover them.
    ProvinceRecord("香港", "香港特别行政区", isOutsideMainland: true),
    ProvinceRecord("澳门", "澳门特别行政区", isOutsideMainland: true),
    ProvinceRecord("台湾", "台湾省", isOutsideMainland: true, ["台北", "高雄"]),
  ]

  /// The region every place abroad maps to.
  static let abroadRegion = "海外"

  /// Words for abroad and the countries and foreign cities buyers name most.
  static let abroad: [String] = [
    "国外", "海外", "境外",
    "美国", "日本", "韩国", "英国", "加拿大", "澳大利亚", "澳洲", "新加坡", "马来西亚", "德国",
    "法国", "泰国", "新西兰", "俄罗斯", "意大利", "西班牙", "荷兰", "瑞士", "瑞典", "越南",
    "菲律宾", "印度尼西亚", "印尼", "印度", "阿联酋", "迪拜", "巴西", "墨西哥",
    "北海道", "东京", "首尔", "纽约", "伦敦", "巴黎", "悉尼", "温哥华", "多伦多",
  ]

  /// Words that contain a place name but name a product, a dish or an idiom, not a place:
  /// 加大连衣裙 holds 大连, 便宜春装 holds 宜春.
  static let decoys: [String] = [
    "大连衣", "便宜春", "长沙发", "平台北", "前台北", "后台北", "哈密瓜", "和田玉", "大理石", "中卫生", "平安顺", "躲西藏", "香港脚",
    "北京时间", "北京烤鸭", "兰州拉面", "柳州螺蛳粉", "桂林米粉", "重庆火锅", "重庆小面",
    "武汉热干面", "云南白药", "新疆棉", "新疆长绒棉", "宁夏枸杞", "金华火腿", "天津麻花",
    "德州扑克", "青岛啤酒", "烟台苹果", "信阳毛尖", "六安瓜片", "巴黎世家",
  ]
}
