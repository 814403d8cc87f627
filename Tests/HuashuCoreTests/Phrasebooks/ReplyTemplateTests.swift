import Testing

@testable import HuashuCore

struct ReplyTemplateTests {
  @Test(arguments: [
    ("{buyer|亲}，您好", ["buyer": "小王"], "小王，您好", [String]()),
    ("{buyer|亲}，您好", [:], "亲，您好", []),
    ("{buyer|亲}，您好", ["buyer": ""], "亲，您好", []),
    ("运费是{shipping_fee}哦", [:], "运费是【shipping_fee】哦", ["shipping_fee"]),
    ("{a}{b}{a}", [:], "【a】【b】【a】", ["a", "b"]),
    ("用{{花括号}}写", [:], "用{花括号}写", []),
    ("订单{order_id|您的订单}已发货", ["order_id": "A1"], "订单A1已发货", []),
    ("没有变量", [:], "没有变量", []),
    ("", [:], "", []),
    ("{ buyer |亲}", [:], "亲", []),
  ])
  func renders(_ source: String, values: [String: String], expected: String, missing: [String])
    throws
  {
    let rendered = try ReplyTemplate(source).render(values)
    #expect(rendered.text == expected)
    #expect(rendered.missingVariables == missing)
  }

  @Test(arguments: [
    ("亲，{buyer", 2),
    ("亲}你好", 1),
    ("{买家}你好", 0),
    ("{}", 0),
    ("好的{a{b}}", 2),
  ])
  func rejectsBrokenPlaceholders(_ source: String, offset: Int) {
    #expect(throws: ReplyTemplateError.self) { try ReplyTemplate(source) }
    do {
      _ = try ReplyTemplate(source)
    } catch {
      #expect(error.characterOffset == offset)
    }
  }

  @Test func listsVariableNamesOnce() throws {
    #expect(try ReplyTemplate("{buyer|亲}{region}{buyer}").variableNames == ["buyer", "region"])
  }
}
