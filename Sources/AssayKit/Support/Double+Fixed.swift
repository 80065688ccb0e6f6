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
        var text = self < 0 && units != 0 ? "-" : ""
        text += String(units / scale)
        if decimals > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}
