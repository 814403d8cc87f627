import Testing

@testable import HuashuCore

struct PlaceReaderTests {
  /// Reads the places in `message` as "name/region" strings, after normalizing it.
  private func places(_ message: String) -> [String] {
    PlaceReader.standard.places(in: Normalizer.standard.normalize(message)).map {
      "\($0.name)/\($0.region)"
    }
  }

  @Test(arguments: [
    // Province-level divisions, full and short.
    ("四川省", ["四川省/四川"]),
    ("发新疆吗", ["新疆/新疆"]),
    ("新疆维吾尔自治区乌鲁木齐市", ["新疆维吾尔自治区/新疆", "乌鲁木齐市/新疆"]),
    ("内蒙古包邮吗", ["内蒙古/内蒙古"]),
    ("内蒙能发吗", ["内蒙/内蒙古"]),
    ("广西壮族自治区南宁市", ["广西壮族自治区/广西", "南宁市/广西"]),
    ("宁夏银川", ["宁夏/宁夏", "银川/宁夏"]),
    ("西藏拉萨到付可以吗", ["西藏/西藏", "拉萨/西藏"]),
    ("黑龙江省", ["黑龙江省/黑龙江"]),
    ("北京市朝阳区", ["北京市/北京"]),  // 朝阳区 is a district of Beijing, not 朝阳 in Liaoning
    ("北京朝阳", ["北京/北京"]),
    ("天津河北区", ["天津/天津"]),  // 河北区 is a district of Tianjin
    ("海南", ["海南/海南"]),
    ("陕西西安", ["陕西/陕西", "西安/陕西"]),
    ("山西太原", ["山西/山西", "太原/山西"]),
    // Prefecture-level cities across the provinces.
    ("寄到哈尔滨", ["哈尔滨/黑龙江"]),
    ("深圳几天到", ["深圳/广东"]),
    ("成都市", ["成都市/四川"]),
    ("四川成都", ["四川/四川", "成都/四川"]),
    ("广东东莞", ["广东/广东", "东莞/广东"]),
    ("大连", ["大连/辽宁"]),
    ("石家庄", ["石家庄/河北"]),
    ("赣州", ["赣州/江西"]),
    ("亳州", ["亳州/安徽"]),
    ("儋州", ["儋州/海南"]),
    ("那曲", ["那曲/西藏"]),
    ("嘉峪关", ["嘉峪关/甘肃"]),
    ("吐鲁番", ["吐鲁番/新疆"]),
    ("吉林省吉林市", ["吉林省/吉林", "吉林市/吉林"]),
    ("襄樊", ["襄樊/湖北"]),  // the former name of 襄阳
    ("义乌", ["义乌/浙江"]),  // a county-level city
    // Autonomous prefectures, leagues and prefectures.
    ("吉林延边朝鲜族自治州", ["吉林/吉林", "延边朝鲜族自治州/吉林"]),
    ("延边州", ["延边州/吉林"]),
    ("四川阿坝", ["四川/四川", "阿坝/四川"]),
    ("恩施州几天到", ["恩施州/湖北"]),
    ("贵州黔东南", ["贵州/贵州", "黔东南/贵州"]),
    ("湘西", ["湘西/湖南"]),
    ("西双版纳", ["西双版纳/云南"]),
    ("版纳", ["版纳/云南"]),
    ("临夏回族自治州", ["临夏回族自治州/甘肃"]),
    ("海南州", ["海南州/青海"]),
    ("内蒙古锡林郭勒盟", ["内蒙古/内蒙古", "锡林郭勒盟/内蒙古"]),
    ("锡林郭勒", ["锡林郭勒/内蒙古"]),
    ("阿拉善盟", ["阿拉善盟/内蒙古"]),
    ("兴安盟", ["兴安盟/内蒙古"]),
    ("黑龙江大兴安岭地区", ["黑龙江/黑龙江", "大兴安岭地区/黑龙江"]),
    ("大兴安岭", ["大兴安岭/黑龙江"]),
    ("喀什地区", ["喀什地区/新疆"]),
    ("阿里地区", ["阿里地区/西藏"]),
    ("伊犁", ["伊犁/新疆"]),
    // Ambiguous names count with a suffix, after a destination word, or after their province.
    ("中山市", ["中山市/广东"]),
    ("寄到中山", ["中山/广东"]),
    ("我是中山人", ["中山/广东"]),
    ("广东中山", ["广东/广东", "中山/广东"]),
    ("我在安康", ["安康/陕西"]),
    ("收货地址:甘肃白银", ["甘肃/甘肃", "白银/甘肃"]),
    ("三明市", ["三明市/福建"]),
    ("朝阳市", ["朝阳市/辽宁"]),
    // Outside the mainland.
    ("香港", ["香港/香港"]),
    ("澳门特别行政区", ["澳门特别行政区/澳门"]),
    ("台北", ["台北/台湾"]),
    ("寄到臺灣", ["台湾/台湾"]),  // traditional, normalized
    ("美国能寄吗", ["美国/海外"]),
    ("可以发国外吗", ["国外/海外"]),
    ("澳大利亚", ["澳大利亚/海外"]),  // not 澳门
    ("日本北海道", ["日本/海外", "北海道/海外"]),  // not 北海 in Guangxi
    // Not places.
    ("我家在中山路", []),
    ("湖南路12号", []),
    ("南京西路", []),
    ("四川北路", []),
    ("来宾请签到", []),
    ("阿里旺旺上说的", []),
    ("祝您安康", []),
    ("三明治好吃", []),
    ("开封了还能退吗", []),
    ("收到开封发现坏了", []),
    ("大同小异", []),
    ("加大连衣裙有吗", []),
    ("便宜春装", []),
    ("哈密瓜甜吗", []),
    ("北京时间几点发货", []),
    ("会说四川话吗", []),
    ("普洱茶", []),
    ("白银手镯", []),
    ("上海南站", ["上海/上海"]),  // not 海南
    ("在平台北京仓发货", ["北京/北京"]),  // not 台北
    ("长沙发有吗", []),  // a long sofa
    ("深圳南山区", ["深圳/广东"]),
    ("大连中山区", ["大连/辽宁"]),  // 中山区 is a district of Dalian
    ("衣服质量很好", []),
    ("", []),
  ])
  func readsPlaces(_ message: String, expected: [String]) {
    #expect(places(message) == expected)
  }

  @Test(arguments: [
    ("香港", true), ("澳门", true), ("台湾", true), ("高雄", true), ("美国", true),
    ("海外", true), ("新疆", false), ("西藏", false), ("深圳", false),
  ])
  func marksPlacesOutsideTheMainland(_ name: String, isOutside: Bool) throws {
    let place = try #require(PlaceReader.standard.places(in: name).first)
    #expect(place.isOutsideMainland == isOutside)
  }

  @Test(
    arguments: [
      ("我在上海,寄到哈尔滨市", "哈尔滨市/黑龙江"),
      ("从广州发货到成都几天", "成都/四川"),
      ("四川成都", "成都/四川"),  // no destination word: the last named
      ("能发新疆吗,我是甘肃的", "甘肃/甘肃"),
      ("收货地址: 新疆", "新疆/新疆"),
      ("寄到北京,到上海要几天", "上海/上海"),
      ("发西藏吗 拉萨", "西藏/西藏"),  // 拉萨 follows no destination word
      ("寄香港多少钱", "香港/香港"),
      ("是从广州发货吗", nil),  // an origin only
      ("几天能到", nil),
      ("", nil),
    ] as [(String, String?)])
  func findsTheDestination(_ message: String, expected: String?) {
    let text = Normalizer.standard.normalize(message)
    let destination = PlaceReader.standard.destination(in: text).map {
      "\($0.name)/\($0.region)"
    }
    #expect(destination == expected)
  }
}
