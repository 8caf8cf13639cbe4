import Foundation
import Testing
import ZIPFoundation
@testable import ConsolidateCore

/// Zip entries are inflated by zlib with exactly their own bytes as input: a stream cut short
/// or garbled is damage, reported as such, whatever follows it in memory.
@Suite struct RawInflaterTests {
    /// A raw deflate stream of `text` (as a zip entry holds it).
    static func deflated(_ text: String) throws -> Data {
        let plain = Data(text.utf8)
        var compressed = Data()
        _ = try Data.compress(size: Int64(plain.count), bufferSize: 1 << 12, provider: { position, size in
            plain.subdata(in: Int(position)..<(Int(position) + size))
        }, consumer: { compressed.append($0) })
        return compressed
    }

    static let text = String(repeating: "各支部按月开展主题党日活动，组织党员学习交流。", count: 400)

    static func inflate(_ data: Data, chunkSize: Int = 1 << 10) -> (RawInflater.Outcome, Data) {
        var output = Data()
        let outcome = RawInflater.inflate(data, chunkSize: chunkSize) { chunk in
            output.append(contentsOf: chunk)
            return true
        }
        return (outcome, output)
    }

    @Test func wholeStreamInflatesToItsText() throws {
        let (outcome, output) = Self.inflate(try Self.deflated(Self.text))
        #expect(outcome == .complete)
        #expect(String(decoding: output, as: UTF8.self) == Self.text)
    }

    @Test func streamCutAnywhereIsDamagedAndGivesNoMoreThanItsText() throws {
        let whole = try Self.deflated(Self.text)
        // Cut as a slice of a larger buffer too: the bytes after the cut are there in memory, and must not be read.
        let padded = whole + Data(repeating: 0x00, count: 4096)
        for cut in Swift.stride(from: 0, to: whole.count, by: max(1, whole.count / 97)) {
            let (outcome, output) = Self.inflate(padded.prefix(cut))
            #expect(outcome == .damaged, "cut at \(cut) of \(whole.count)")
            #expect(output.count <= Data(Self.text.utf8).count)
            #expect(Data(Self.text.utf8).starts(with: output))
        }
    }

    @Test func garbledStreamIsDamaged() {
        let (outcome, _) = Self.inflate(Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
        #expect(outcome == .damaged)
        #expect(Self.inflate(Data()).0 == .damaged)
    }

    @Test func consumerThatStopsStopsTheInflating() throws {
        var seen = 0
        let outcome = RawInflater.inflate(try Self.deflated(Self.text), chunkSize: 256) { chunk in
            seen += chunk.count
            return seen < 1000
        }
        #expect(outcome == .stopped)
        #expect(seen < Data(Self.text.utf8).count)
    }
}
