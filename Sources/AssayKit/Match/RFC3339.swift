/// Validates RFC 3339 `date-time` strings (`2025-01-31T23:59:60.5+01:00`) without Foundation's
/// lenient date parsers, so `{{iso8601}}` means exactly the RFC grammar.
enum RFC3339 {
    /// Whether `text` is a full RFC 3339 date-time: date, `T` (or `t`), time, optional fraction, and
    /// `Z`/`z` or a `±HH:MM` offset. A space instead of `T` is refused.
    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return false }
        guard let year = digits(bytes, 0, 4), bytes[4] == 0x2D, let month = digits(bytes, 5, 2), bytes[7] == 0x2D,
            let day = digits(bytes, 8, 2), bytes[10] == 0x54 || bytes[10] == 0x74,
            let hour = digits(bytes, 11, 2), bytes[13] == 0x3A, let minute = digits(bytes, 14, 2), bytes[16] == 0x3A,
            let second = digits(bytes, 17, 2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59,
            second <= 60
        else { return false }
        var index = 19
        if bytes[index] == 0x2E {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case 0x5A, 0x7A:
            return index + 1 == bytes.count
        case 0x2B, 0x2D:
            guard index + 6 == bytes.count, let offsetHour = digits(bytes, index + 1, 2), bytes[index + 3] == 0x3A,
                let offsetMinute = digits(bytes, index + 4, 2)
            else { return false }
            return offsetHour <= 23 && offsetMinute <= 59
        default:
            return false
        }
    }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
