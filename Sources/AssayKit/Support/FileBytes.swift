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
        // Read into uninitialized room (zeroing first was a pass over the file for nothing).
        var failure: Int32 = 0
        var full = false
        var bytes = [UInt8](unsafeUninitializedCapacity: max(Int(status.st_size), 0) + 1) { room, count in
            failure = readAll(descriptor, into: room, count: &count)
            full = count == room.count
        }
        // It filled the room, one byte more than its size: it grew, so the rest, a chunk at a time.
        while failure == 0 && full {
            let chunk = [UInt8](unsafeUninitializedCapacity: 64 * 1024) { room, count in
                failure = readAll(descriptor, into: room, count: &count)
                full = count == room.count
            }
            bytes += chunk
            if bytes.count > limit { throw ReadError(size: bytes.count, limit: limit) }
        }
        if failure != 0 { throw ReadError(errno: failure) }
        return bytes
    }
}

extension FileBytes {
    /// Reads until `room` is full or the file ends; the error number of a failed read, else 0.
    fileprivate static func readAll(_ descriptor: Int32, into room: UnsafeMutableBufferPointer<UInt8>, count: inout Int)
        -> Int32
    {
        while count < room.count {
            let got = read(descriptor, room.baseAddress! + count, room.count - count)
            if got < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if got == 0 { return 0 }
            count += got
        }
        return 0
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
