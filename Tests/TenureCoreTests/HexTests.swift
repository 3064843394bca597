import Testing
import TenureCore

@Suite("Hex")
struct HexTests {
    @Test("two lowercase digits per byte, high nibble first, leading zeros kept")
    func digits() {
        #expect(Hex.string([0x00, 0x0F, 0xA5, 0xFF, 0x10]) == "000fa5ff10")
        #expect(Hex.string([UInt8]()) == "")
        #expect(Hex.string(Array(0...255).map(UInt8.init)) == (0...255).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined())
    }
}
