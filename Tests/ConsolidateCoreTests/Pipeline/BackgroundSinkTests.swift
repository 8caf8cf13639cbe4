import Foundation
import Testing
@testable import ConsolidateCore

/// `BackgroundSink` hands every byte to its target in the order written, passes on the target's
/// failure, and starts over where asked.
@Suite struct BackgroundSinkTests {
    /// A target that fails on its `failOn`-th write (counting from 1), keeping what came before.
    final class FailingSink: ByteSink, @unchecked Sendable {
        struct Full: Error {}
        var bytes: [UInt8] = []
        var writes = 0
        let failOn: Int

        init(failOn: Int) { self.failOn = failOn }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            writes += 1
            if writes == failOn { throw Full() }
            self.bytes.append(contentsOf: bytes)
        }

        func restart() throws { bytes = [] }
    }

    @Test func everyByteReachesTheTargetInOrder() throws {
        var generator = SystemRandomNumberGenerator()
        for pieces in [1, 2, 8] {
            let target = ByteBufferSink()
            let sink = BackgroundSink(target, pieces: pieces)
            var expected: [UInt8] = []
            for round in 0..<300 {
                // Small pieces, empty ones, and now and then one past what is copied.
                let size = round % 97 == 0 ? BackgroundSink.largestCopied + 1 + round : Int.random(in: 0...300, using: &generator)
                let piece = (0..<size).map { UInt8(truncatingIfNeeded: $0 &+ round) }
                expected += piece
                if round.isMultiple(of: 2) {
                    try sink.write(piece)
                } else {
                    try piece.withUnsafeBytes { try sink.write($0) }
                }
            }
            try sink.finish()
            #expect(target.bytes == expected, "\(pieces) pieces in flight")
        }
    }

    @Test func theTargetsFailureIsPassedOnAndNothingAfterItIsWritten() throws {
        let target = FailingSink(failOn: 3)
        let sink = BackgroundSink(target, pieces: 2)
        var thrown = false
        for round in 0..<50 {
            do {
                try sink.write([UInt8(round)])
            } catch is FailingSink.Full {
                thrown = true
                break
            }
        }
        if !thrown {
            #expect(throws: FailingSink.Full.self) { try sink.finish() }
        }
        #expect(throws: FailingSink.Full.self) { try sink.finish() }
        #expect(target.bytes == [0, 1])
        #expect(target.writes == 3)
    }

    @Test func restartWaitsForWhatWasWrittenThenStartsOver() throws {
        let target = ByteBufferSink()
        let sink = BackgroundSink(target, pieces: 3)
        for round in 0..<100 { try sink.write([UInt8(round)]) }
        try sink.restart()
        #expect(target.bytes.isEmpty)
        try sink.write(Array("{}".utf8))
        try sink.finish()
        #expect(target.bytes == Array("{}".utf8))
    }

    @Test func aChunkedEncodingWrittenInTheBackgroundIsTheSameBytes() throws {
        struct Row: Codable, Sendable { var name: String; var values: [Int] }
        let value = (0..<5_000).map { Row(name: "第\($0)支部“三会一课”", values: Array(0..<($0 % 7))) }
        let direct = ByteBufferSink()
        try JSONChunkedEncoder(pretty: true, escapeSlashes: false).encode(value, to: direct)
        let target = ByteBufferSink()
        let background = BackgroundSink(target)
        try JSONChunkedEncoder(pretty: true, escapeSlashes: false).encode(value, to: background)
        try background.finish()
        #expect(target.bytes == direct.bytes)
        #expect(target.bytes.count > 100_000)
    }
}
