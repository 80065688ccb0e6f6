#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes text to stdout straight away with write(2): no buffering (CI logs and pipes see each
/// line as it is written) and no `Data` built per line as `FileHandle.write` needs.
enum StandardOutput {
    static func emit(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = write(STDOUT_FILENO, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // stdout closed or full: the reports still carry everything
                }
                next += written
                left -= written
            }
        }
    }
}
