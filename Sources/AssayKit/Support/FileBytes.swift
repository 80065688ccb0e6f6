#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A whole file's bytes, read with read(2). Suite files are parsed from their bytes (the parser
/// checks the UTF-8 of every string), and a file that cannot be read is reported with the C
/// library's reason ("No such file or directory").
enum FileBytes {
    /// The largest input file read (suite, config, golden): far beyond any hand-written suite (a
    /// generated one with 100,000 cases is ≈ 20 MB), and a bound on what a stray or hostile file
    /// costs to load.
    static let maximumInputBytes = 64 << 20

    /// Why a file could not be read, as the C library words it.
    struct ReadError: Error {
        let reason: String
    }

    /// The file's bytes; a file over `limit` bytes (checked before reading, and again as it is read,
    /// since a file may grow or be a device) is refused with a reason naming the limit.
    static func contents(of path: String, limit: Int = .max) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(errno: errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw ReadError(errno: EISDIR) }
        if Int(status.st_size) > limit { throw ReadError(size: Int(status.st_size), limit: limit) }
        // The size is a hint: a file that grows or shrinks meanwhile is read to its end all the same.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(status.st_size), 0))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(errno: errno)
            }
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<got])
            if bytes.count > limit { throw ReadError(size: bytes.count, limit: limit) }
        }
    }
}

extension FileBytes.ReadError {
    init(errno code: Int32) {
        reason = String(cString: strerror(code))
    }

    init(size: Int, limit: Int) {
        reason = "the file has \(size) bytes, over the limit of \(limit) bytes"
    }
}
