import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Answers connections past the cap with one canned response and closes them, on one thread.
///
/// Closing a socket with unread input makes the kernel send RST, which can destroy the 503 before
/// the client reads it; so each socket is half-closed and drained for a short while first. One poll
/// loop lingers on all of them at once, so a flood costs one thread, not one per connection.
final class OverflowCloser: @unchecked Sendable {
    // @unchecked: `pending` and `held` are guarded by `lock`; the poll loop owns `lingering`.
    private let lock = NSLock()
    private var pending: [Int32] = []
    /// Sockets queued or lingering.
    private var held = 0
    private var wake: [Int32] = [-1, -1]
    /// Sockets lingering beyond this many are closed at once, without draining.
    private let capacity = 1024
    /// How long a half-closed socket is drained before it is closed.
    private let linger: TimeInterval = 1

    init() {
        _ = pipe(&wake)
        _ = fcntl(wake[0], F_SETFL, O_NONBLOCK)
        let thread = Thread { [self] in run() }
        thread.stackSize = 256 << 10
        thread.start()
    }

    /// Writes `response` (best effort, without blocking), half-closes and hands the socket to the loop.
    func reject(_ fd: Int32, response: [UInt8]) {
        _ = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        shutdown(fd, Int32(SHUT_WR))
        let queued = lock.withLock { () -> Bool in
            guard held < capacity else { return false }
            held += 1
            pending.append(fd)
            return true
        }
        guard queued else {
            close(fd)
            return
        }
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    private func run() {
        var lingering: [(fd: Int32, until: Date)] = []
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let fresh = lock.withLock { () -> [Int32] in
                defer { pending.removeAll() }
                return pending
            }
            let until = Date().addingTimeInterval(linger)
            lingering += fresh.map { ($0, until) }
            var polls = [pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0)]
            polls += lingering.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let nearest = lingering.map(\.until).min().map { max(0, $0.timeIntervalSinceNow) } ?? 60
            _ = poll(&polls, nfds_t(polls.count), Int32(nearest * 1000) + 1)
            if polls[0].revents != 0 {
                while read(wake[0], &scratch, scratch.count) > 0 {}
            }
            let now = Date()
            var kept: [(fd: Int32, until: Date)] = []
            for (index, entry) in lingering.enumerated() {
                var finished = entry.until <= now
                if polls[index + 1].revents != 0 {
                    let count = recv(entry.fd, &scratch, scratch.count, Int32(MSG_DONTWAIT))
                    if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { finished = true }
                }
                if finished { close(entry.fd) } else { kept.append(entry) }
            }
            let closed = lingering.count - kept.count
            lingering = kept
            lock.withLock { held -= closed }
        }
    }
}
