#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A whole file's bytes, read with read(2) straight into one array. Suite files are parsed from
/// their bytes (the parser checks the UTF-8 of every string), so they are read once, not into
/// `Data` and then copied into a `String` as `String(contentsOfFile:)` does.
enum FileBytes {
    /// Why a file could not be read, as the C library words it ("No such file or directory").
    struct ReadError: Error {
        let reason: String
    }

    static func contents(of path: String) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(errno: errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw ReadError(errno: EISDIR) }
        // The size is a hint: a file that grows or shrinks meanwhile is read to its end all the same.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let got = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + count, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(errno: errno)
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}

extension FileBytes.ReadError {
    init(errno code: Int32) {
        reason = String(cString: strerror(code))
    }
}
