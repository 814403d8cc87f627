import Testing

@testable import HuashuCore

struct ChinaRegionsTests {
  /// The 34 province-level divisions, by the short names a shop's fee table uses.
  private static let provinceLevelRegions: Set<String> = [
    "北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州",
    "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
  ]

  private var mainlandDivisions: [DivisionRecord] {
    ChinaRegions.provinces.filter { !$0.isOutsideMainland }.flatMap(\.divisions)
  }

  @Test func listsTheThirtyFourProvinceLevelDivisions() {
    let regions = ChinaRegions.provinces.map(\.region)
    #expect(regions.count == 34)
    #expect(Set(regions) == Self.provinceLevelRegions)
    #expect(
      Set(ChinaRegions.provinces.filter(\.isOutsideMainland).map(\.region)) == [
        "香港", "澳门", "台湾",
      ])
  }

  @Test func listsTheThreeHundredThirtyThreePrefectureLevelDivisions() {
    func count(_ kind: DivisionRecord.Kind) -> Int {
      mainlandDivisions.filter { $0.kind == kind }.count
    }
    #expect(count(.city) == 293)
    #expect(count(.prefecture) == 7)
    #expect(count(.autonomousPrefecture) == 30)
    #expect(count(.league) == 3)
    #expect(Set(mainlandDivisions.map(\.name)).count == mainlandDivisions.count)
  }

  /// Every form of every division reads as a place in its own province, and that province is
  /// one of the 34; ambiguous bare names are read after 寄到.
  @Test func everyDivisionMapsToItsProvince() {
    for province in ChinaRegions.provinces {
      #expect(Self.provinceLevelRegions.contains(province.region))
      for form in province.writtenForms {
        let place = PlaceReader.standard.places(in: form.name).first
        #expect(
          place
            == Place(
              name: form.name, region: province.region,
              isOutsideMainland: province.isOutsideMainland), "\(form.name)")
      }
      for division in province.divisions {
        for form in division.writtenForms {
          let text = division.isAmbiguous && form.isBare ? "寄到" + form.name : form.name
          let place = PlaceReader.standard.places(in: text).last
          #expect(place?.name == form.name, "\(form.name)")
          #expect(place?.region == province.region, "\(form.name) → \(province.region)")
        }
      }
    }
  }

  /// An ambiguous bare name alone is not read; its suffixed form is.
  @Test func ambiguousNamesNeedASuffixOrAContext() {
    let ambiguous = ChinaRegions.provinces.flatMap(\.divisions).filter(\.isAmbiguous)
    #expect(ambiguous.count == 20)
    for division in ambiguous {
      #expect(PlaceReader.standard.places(in: division.name).isEmpty, "\(division.name)")
    }
  }

  /// No written form means two regions, and every name is already normalized, so that it
  /// meets normalized messages.
  @Test func namesAreUnambiguousAndNormalized() {
    var regionByName: [String: String] = [:]
    var names = ChinaRegions.abroad + ChinaRegions.decoys
    for province in ChinaRegions.provinces {
      let forms = province.writtenForms + province.divisions.flatMap(\.writtenForms)
      for form in forms {
        names.append(form.name)
        let earlier = regionByName.updateValue(province.region, forKey: form.name)
        #expect(earlier == nil || earlier == province.region, "\(form.name)")
      }
    }
    for name in ChinaRegions.abroad {
      #expect(regionByName[name] == nil, "\(name)")
    }
    for name in names {
      #expect(Normalizer.standard.normalize(name) == name, "\(name)")
    }
  }

  /// Mappings checked one by one against the official lists, across all provinces.
  @Test(arguments: [
    ("延边", "吉林"), ("阿坝", "四川"), ("甘孜", "四川"), ("凉山", "四川"), ("恩施", "湖北"),
    ("黔东南", "贵州"), ("黔西南", "贵州"), ("黔南", "贵州"), ("大兴安岭", "黑龙江"),
    ("锡林郭勒", "内蒙古"), ("呼伦贝尔", "内蒙古"), ("鄂尔多斯", "内蒙古"), ("葫芦岛", "辽宁"),
    ("七台河", "黑龙江"), ("连云港", "江苏"), ("衢州", "浙江"), ("六安", "安徽"), ("莆田市", "福建"),
    ("鹰潭", "江西"), ("菏泽", "山东"), ("漯河", "河南"), ("十堰", "湖北"), ("娄底", "湖南"),
    ("云浮", "广东"), ("崇左", "广西"), ("三沙", "海南"), ("攀枝花", "四川"), ("毕节", "贵州"),
    ("德宏", "云南"), ("怒江", "云南"), ("迪庆", "云南"), ("林芝", "西藏"), ("商洛", "陕西"),
    ("陇南", "甘肃"), ("甘南", "甘肃"), ("果洛", "青海"), ("玉树", "青海"), ("海西", "青海"),
    ("海东市", "青海"), ("中卫", "宁夏"), ("固原", "宁夏"), ("博尔塔拉", "新疆"),
    ("巴音郭楞", "新疆"), ("克孜勒苏", "新疆"), ("阿勒泰", "新疆"), ("塔城", "新疆"),
    ("和田", "新疆"), ("哈密", "新疆"), ("石河子", "新疆"), ("兴安盟", "内蒙古"),
    ("白山市", "吉林"), ("四平市", "吉林"), ("长治市", "山西"), ("普洱市", "云南"),
  ])
  func mapsKnownDivisions(_ name: String, region: String) {
    #expect(PlaceReader.standard.places(in: name).map(\.region) == [region])
  }
}
