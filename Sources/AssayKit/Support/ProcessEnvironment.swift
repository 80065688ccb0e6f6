#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's environment variables, read straight from `environ`. `ProcessInfo`'s copy cost
/// ≈ 0.7 M instructions the first time (it goes through Foundation's own string types), on the
/// way to every run's first request.
public enum ProcessEnvironment {
    /// Every `NAME=value` entry; for a name given twice, the first, as `getenv` reads it.
    public static func current() -> [String: String] {
        var variables: [String: String] = [:]
        forEachEntry { name, value in
            if variables[name] == nil { variables[name] = value }
        }
        return variables
    }

    /// Calls `body` with each entry's name and value, in the order of `environ`.
    static func forEachEntry(_ body: (String, String) -> Void) {
        #if canImport(Darwin)
            guard let environ = _NSGetEnviron()?.pointee else { return }
        #endif
        var entry = environ
        while let pointer = entry.pointee {
            entry += 1
            guard let equals = strchr(pointer, 0x3D) else { continue }  // "="
            let nameLength = UnsafePointer(equals) - UnsafePointer(pointer)
            let name = UnsafeRawBufferPointer(start: pointer, count: nameLength)
            body(String(decoding: name, as: UTF8.self), String(cString: equals + 1))
        }
    }
}
