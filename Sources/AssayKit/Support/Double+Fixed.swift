import Foundation

extension Double {
    /// This number with exactly `decimals` digits after the point, like `String(format: "%.Nf")`
    /// but without Foundation's formatter, which showed up on the per-case path (every console
    /// line and duration message).
    func fixed(_ decimals: Int) -> String {
        guard isFinite, (0...6).contains(decimals) else { return String(format: "%.\(decimals)f", self) }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(self) * Double(scale)).rounded(.toNearestOrEven)
        guard scaled < 9e15 else { return String(format: "%.\(decimals)f", self) }
        let units = Int64(scaled)
        let negative = self < 0 && units != 0
        // Digits are written right to left into a small stack buffer, so the text is made once.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var position = buffer.count
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            var remaining = units
            var digits = 0
            repeat {
                if decimals > 0 && digits == decimals { put(UInt8(ascii: ".")) }
                put(UInt8(ascii: "0") + UInt8(remaining % 10))
                remaining /= 10
                digits += 1
            } while remaining > 0 || digits <= decimals
            if negative { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }
}
