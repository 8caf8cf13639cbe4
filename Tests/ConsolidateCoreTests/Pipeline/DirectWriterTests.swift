import Foundation
import Testing
@testable import ConsolidateCore

/// `DirectWriter` leaves in the file exactly the bytes appended, whatever the pieces' sizes and
/// whether the file system takes writes past the page cache, and leaves the descriptor fit for
/// ordinary writes once finished.
@Suite struct DirectWriterTests {
    /// Bytes that tell their positions apart (a repeating pattern would hide a block written twice).
    static func bytes(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    static func opened(_ url: URL) throws -> Int32 {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        return descriptor
    }

    @Test(arguments: [true, false])
    func piecesOfAnySizeLeaveExactlyTheBytesAppended(direct: Bool) throws {
        let folder = try temporaryFolder("direct-\(direct)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let block = DirectWriter.alignment, chunk = DirectWriter.chunkSize
        // Across block and chunk bounds, a piece larger than a chunk, empty pieces, a one-byte tail.
        let sizes = [1, block - 1, block, block + 1, 0, chunk - 3, chunk + 5, 3 * chunk + 17, 7, 0, 1]
        for (index, size) in [sizes, [chunk], [5]].enumerated() {
            let url = folder.appendingPathComponent("file\(index)")
            let descriptor = try Self.opened(url)
            defer { close(descriptor) }
            let writer = DirectWriter(descriptor: descriptor, direct: direct)
            #expect(direct || !writer.direct, "asked not to, it writes through the cache")
            var expected: [UInt8] = []
            for (number, count) in size.enumerated() {
                let piece = Self.bytes(count, seed: UInt32(number + 1))
                try piece.withUnsafeBytes { try writer.write($0) }
                expected += piece
            }
            try writer.finish()
            #expect(!writer.direct)
            // Finished, the descriptor takes a write of any length at any place again.
            #expect(fcntl(descriptor, F_GETFL) & Int32(__O_DIRECT) == 0)
            #expect(try Data(contentsOf: url) == Data(expected), "pieces \(size)")
            let tail: [UInt8] = [0x41, 0x42, 0x43]
            #expect(tail.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, 3, off_t(expected.count)) } == 3)
            #expect(try Data(contentsOf: url) == Data(expected + tail))
        }
    }

    @Test func aRestartedFileHoldsOnlyWhatWasWrittenAfter() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("file")
        let descriptor = try Self.opened(url)
        defer { close(descriptor) }
        let writer = DirectWriter(descriptor: descriptor)
        let first = Self.bytes(DirectWriter.chunkSize + 1000, seed: 7), second = Self.bytes(9000, seed: 8)
        try first.withUnsafeBytes { try writer.write($0) }
        try writer.restart()
        try second.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
        #expect(try Data(contentsOf: url) == Data(second))
    }
}
