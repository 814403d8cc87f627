import Foundation
import Testing

@testable import HuashuCore

/// SHA-256, the CSV reader and writer, and text decoding: the pieces the phrasebook
/// interchange stands on.
struct InterchangeFormatTests {
  @Test func sha256MatchesTheStandardVectors() {
    #expect(
      SHA256.hex(of: Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(of: [])
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(
        of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000))
        == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }

  @Test func csvReadsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
    let text = "a,b,c\r\n\"1,2\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\nx,,z"
    let rows = try CSVTable.rows(of: text)
    #expect(
      rows.map(\.fields) == [
        ["a", "b", "c"], ["1,2", "say \"hi\"", "two\r\nlines"], ["x", "", "z"],
      ])
    #expect(rows.map(\.line) == [1, 2, 5])
  }

  /// Old Mac spreadsheets end lines with a lone CR: each ends a row (it used to make the whole
  /// file one row, reported as a wrong header).
  @Test func csvReadsCarriageReturnOnlyLineEnds() throws {
    let rows = try CSVTable.rows(of: "a,b\r1,\"two\rlines\"\r\r3,4\r")
    #expect(rows.map(\.fields) == [["a", "b"], ["1", "two\rlines"], ["3", "4"]])
    #expect(rows.map(\.line) == [1, 2, 5])
  }

  @Test func csvReportsAnUnclosedQuoteWithItsLine() {
    #expect(throws: CSVTable.UnterminatedQuote(line: 2)) {
      try CSVTable.rows(of: "a,b\n\"open,c\nmore")
    }
  }

  /// Property: any table of strings survives writing and reading back.
  @Test func csvRoundTripsGeneratedTables() throws {
    var random = SyntheticWorkload.Generator(seed: 2026)
    let pieces = [",", "\"", "\n", "\r\n", " ", "亲", "貨到付款", "😊", "a", "{buyer|亲}", "，", "\t"]
    for _ in 0..<300 {
      let table = (0..<Int.random(in: 1...4, using: &random)).map { _ in
        (0..<3).map { _ in
          (0..<Int.random(in: 0...6, using: &random)).map { _ in
            pieces.randomElement(using: &random) ?? ""
          }.joined()
        }
      }
      let read = try CSVTable.rows(of: CSVTable.text(of: table)).map(\.fields)
      // A row of one empty field is a blank line, which readers skip.
      #expect(read == table.filter { $0 != [""] && !($0.count == 1 && $0[0].isEmpty) }, "\(table)")
    }
  }

  @Test func textIsReadAsUTF8WithOrWithoutBOMOrElseGB18030() throws {
    let utf8 = try DecodedText(bytes: Array("中文,a".utf8))
    #expect(utf8.text == "中文,a" && utf8.encoding == .utf8)
    let bom = try DecodedText(bytes: [0xEF, 0xBB, 0xBF] + Array("中文".utf8))
    #expect(bom.text == "中文" && bom.encoding == .utf8WithBOM)
    // 中文 in GB18030, as a Chinese spreadsheet program saves it.
    let gb = try DecodedText(bytes: [0xD6, 0xD0, 0xCE, 0xC4, 0x2C, 0x61])
    #expect(gb.text == "中文,a" && gb.encoding == .gb18030)
    #expect(throws: DecodedText.Failure.binary(offset: 2)) {
      try DecodedText(bytes: [0x61, 0x62, 0x00, 0x63])
    }
  }
}
