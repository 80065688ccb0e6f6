import Foundation

/// Parses the retry hints of a 429. Pure: `now` is passed in, so HTTP-dates are testable.
enum RetryAfter {
    /// RFC 9110 §10.2.3 `Retry-After`: delta-seconds (`1*DIGIT`) or an HTTP-date; the wait in
    /// seconds (a past date waits 0), or why the value is invalid.
    static func seconds(_ value: String, now: Date) -> Result<Double, RetryAfterProblem> {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return .success(Double(trimmed) ?? .infinity)
        }
        if let date = httpDate(trimmed) { return .success(max(0, date.timeIntervalSince(now))) }
        return .failure(
            RetryAfterProblem(message: "Retry-After \"\(value)\" is neither delta-seconds nor an HTTP-date"))
    }

    /// `retry-after-ms`: a non-negative number of milliseconds.
    static func milliseconds(_ value: String) -> Result<Double, RetryAfterProblem> {
        guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number >= 0, number.isFinite else {
            return .failure(RetryAfterProblem(message: "retry-after-ms \"\(value)\" is not a non-negative number"))
        }
        return .success(number)
    }

    /// IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
    static func httpDate(_ text: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

/// Why a retry hint could not be read.
struct RetryAfterProblem: Error {
    var message: String
}
