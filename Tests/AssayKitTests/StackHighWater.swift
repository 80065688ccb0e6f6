import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Measures how much stack a closure uses at its deepest: the closure runs on a thread of its own
/// whose unused stack was first filled with a pattern, and the lowest byte it overwrote says how
/// deep it went. Used to check that the threads' stack size covers the recursive walks.
enum StackHighWater {
    /// Whether AddressSanitizer or ThreadSanitizer instruments this process (their runtimes export
    /// these): ASan may keep frames off the stack, so painting it measures nothing.
    static let underSanitizer = dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

    private static let pattern: UInt8 = 0xA5
    /// Left unpainted below the measuring frame, for the frames that paint and call.
    private static let cushion = 16 << 10
    /// Left unpainted above the stack's lowest address: the thread's own data (its TLS block) and
    /// the frames above the measuring one share the stack's size, and the guard page lies below.
    private static let floorMargin = 1 << 20

    /// The bytes of stack `body` used below the frame that called it.
    static func bytesUsed(stackSize: Int = 32 << 20, _ body: @escaping @Sendable () -> Void) -> Int {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = measure(body, stackSize: stackSize)
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return box.value
    }

    private final class ResultBox: @unchecked Sendable {
        // @unchecked: written by the measuring thread before it signals, read after the wait.
        var value = 0
    }

    private static func measure(_ body: () -> Void, stackSize: Int) -> Int {
        // This frame is near the stack's top, so the stack ends about `stackSize` below it.
        let top = UInt(bitPattern: currentFrameAddress())
        let low = top - UInt(stackSize) + UInt(floorMargin)
        let paintEnd = top - UInt(cushion)
        memset(UnsafeMutableRawPointer(bitPattern: low)!, Int32(pattern), Int(paintEnd - low))
        body()
        let bytes = UnsafePointer<UInt8>(bitPattern: low)!
        var offset = 0
        while offset < Int(paintEnd - low) && bytes[offset] == pattern { offset += 1 }
        return Int(top - (low + UInt(offset)))
    }

    @inline(never)
    private static func currentFrameAddress() -> UnsafeMutableRawPointer {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
    }
}
