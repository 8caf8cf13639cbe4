import Foundation

/// Where encoded bytes go as they are made: a file being staged, or memory.
///
/// Large outputs are written piece by piece so that they never stand whole in memory;
/// `restart` throws away what was written, for the rare value the fast writer hands back to
/// Foundation after part of it was already out.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Writes bytes the caller lets go of: a sink that keeps them for later (`BackgroundSink`)
    /// takes them as they are; by default they are written from where they lie.
    func write(_ bytes: [UInt8]) throws
    func restart() throws
}

extension ByteSink {
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// A sink that keeps the bytes in memory: for callers that need the whole output as a value.
public final class ByteBufferSink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    public func restart() throws { bytes.removeAll() }
}

/// An array whose elements the chunked encoder may write apart from each other, on other threads
/// (it takes only `Sendable` values, so every array inside them may be read from other threads).
protocol JSONSplittableArray {
    var jsonElementCount: Int { get }
    /// About how much each element writes, in `JSONChunkWeighted` units (1 for most).
    func jsonElementWeights() -> [Int]
    /// Writes the elements in `range`, each indented for `depth` (the elements' own level) and
    /// followed by the separator unless it is the array's last, as `JSONByteWriter` writes them
    /// inside the array's brackets.
    func writeJSONElements(_ range: Range<Int>, depth: Int, into writer: JSONByteWriter) throws
}

/// A value whose JSON may be far larger than its neighbours' in an array: a practice that thousands
/// of units share quotes each of their statements. Its weight is about how many statements' worth
/// it writes, so that the chunked encoder cuts arrays into chunks of like size, not like count.
protocol JSONChunkWeighted {
    var jsonChunkWeight: Int { get }
}

extension Array: JSONSplittableArray where Element: Encodable {
    var jsonElementCount: Int { count }

    /// Asked once of the element type, not of each element: casting every element to an existential
    /// copied it (a retain per string and list it holds), 1.9 s of one thread in a 100k run's render.
    func jsonElementWeights() -> [Int] {
        guard let weighted = Element.self as? any JSONChunkWeighted.Type else { return [Int](repeating: 1, count: count) }
        func weights<Weighted: JSONChunkWeighted>(_: Weighted.Type) -> [Int] {
            precondition(Element.self == Weighted.self)
            return unsafeBitCast(self, to: [Weighted].self).map { Swift.max(1, $0.jsonChunkWeight) }
        }
        return weights(weighted)
    }

    func writeJSONElements(_ range: Range<Int>, depth: Int, into writer: JSONByteWriter) throws {
        if writer.direct, let direct = self as? any JSONDirectElements {
            try direct.writeDirectElements(range, depth: depth, into: writer)
            return
        }
        for index in range {
            if writer.pretty { writer.writeIndent(depth) }
            try writer.encodeValue(self[index], depth: depth)
            if writer.unsupported { return }
            if index != count - 1 {
                writer.out.append(UInt8(ascii: ","))
                if writer.pretty { writer.out.append(0x0A) }
            }
        }
    }
}

/// The long arrays a `JSONByteWriter` left out of its bytes, each marked where it belongs.
///
/// In their place the writer puts a mark no JSON text contains (a NUL byte, the array's number,
/// a NUL byte: every control character inside a string is escaped), so the marks travel with
/// the bytes when an object's entries are put in key order.
final class JSONArraySplitter {
    /// Arrays with at least this many elements are left out.
    let minimumCount: Int
    var arrays: [(array: any JSONSplittableArray, depth: Int)] = []

    init(minimumCount: Int) { self.minimumCount = minimumCount }

    static let mark: UInt8 = 0

    /// Leaves the value out where it is a long array; returns whether it did.
    func leaveOut<T: Encodable>(_ value: T, depth: Int, writer: JSONByteWriter) -> Bool {
        guard let array = value as? any JSONSplittableArray, array.jsonElementCount >= minimumCount else { return false }
        leaveOut(array: array, depth: depth, writer: writer)
        return true
    }

    /// Leaves out an array the caller found long enough, writing its mark.
    func leaveOut(array: any JSONSplittableArray, depth: Int, writer: JSONByteWriter) {
        writer.out.append(Self.mark)
        writer.out.append(contentsOf: String(arrays.count).utf8)
        writer.out.append(Self.mark)
        arrays.append((array, depth))
    }
}

/// Writes a large value's JSON in parallel and in order, the same bytes `JSONByteEncoder` gives.
///
/// summary.json of ten thousand units is well over a hundred megabytes; encoded on one thread
/// into one buffer it is both slow and a large part of a run's peak memory. This encoder first
/// writes the value with its long arrays left out (`JSONArraySplitter`, at any depth), then
/// writes those arrays' elements in chunks on every core, a window of chunks at a time, handing
/// each window's bytes to the sink in file order. The brackets and separators around the chunks
/// are the ones `JSONByteWriter` writes for an array, so the joined bytes are identical; where
/// the writer hands a value over to Foundation, the sink is restarted and Foundation's bytes
/// written instead, as `JSONByteEncoder.encode` does.
struct JSONChunkedEncoder {
    var encoder: JSONByteEncoder
    /// Arrays with at least this many elements are written in chunks.
    var minimumCount = 64
    /// The most elements in one chunk.
    var maximumChunk = 256
    /// The most weight (`JSONChunkWeighted`, about a statement's JSON each) in one chunk of several
    /// elements: the chunks in flight, `window` of them, stay a few megabytes at any number of units.
    var maximumWeight = 1024
    /// How many chunks an array is cut into at least (where it has that many elements).
    var chunksPerArray = 32
    /// How many chunks are made at once before they are written: the bound on memory.
    var window = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)

    init(pretty: Bool, escapeSlashes: Bool) {
        encoder = JSONByteEncoder(pretty: pretty, escapeSlashes: escapeSlashes)
    }

    /// A piece of the output: bytes of the skeleton, or a chunk of a left-out array's elements.
    enum Piece {
        case bytes([UInt8])
        case chunk(array: Int, range: Range<Int>)
    }

    /// Writes the value's JSON (no trailing newline) to `sink`.
    func encode<T: Encodable & Sendable>(_ value: T, to sink: any ByteSink) throws {
        let splitter = JSONArraySplitter(minimumCount: max(1, minimumCount))
        let writer = JSONByteWriter(pretty: encoder.pretty, escapeSlashes: encoder.escapeSlashes, direct: encoder.direct)
        writer.splitter = splitter
        try writer.encodeTopLevel(value)
        guard !writer.unsupported else {
            try sink.write([UInt8](try encoder.foundationEncoder().encode(value)))
            return
        }
        let pieces = try plan(writer.out, splitter: splitter)
        let arrays = SendableArrays(splitter.arrays)
        let pretty = encoder.pretty, escapeSlashes = encoder.escapeSlashes, direct = encoder.direct
        var start = 0
        while start < pieces.count {
            // The next window: pieces up to and including `window` chunks.
            var end = start
            var jobs: [(array: Int, range: Range<Int>)] = []
            while end < pieces.count {
                if case let .chunk(array, range) = pieces[end] {
                    if jobs.count == max(1, window) { break }
                    jobs.append((array, range))
                }
                end += 1
            }
            let made = ParallelMap.map(jobs) { job -> Result<[UInt8]?, any Error> in
                Result {
                    let (array, depth) = arrays.value[job.array]
                    let chunk = JSONByteWriter(pretty: pretty, escapeSlashes: escapeSlashes, direct: direct)
                    try array.writeJSONElements(job.range, depth: depth + 1, into: chunk)
                    return chunk.unsupported || !chunk.frames.isEmpty ? nil : chunk.out
                }
            }
            var next = 0
            for piece in pieces[start..<end] {
                switch piece {
                case let .bytes(bytes):
                    try sink.write(bytes)
                case .chunk:
                    guard let bytes = try made[next].get() else {
                        try sink.restart()
                        try sink.write([UInt8](try encoder.foundationEncoder().encode(value)))
                        return
                    }
                    next += 1
                    try sink.write(bytes)
                }
            }
            start = end
        }
    }

    /// The output as pieces: the skeleton's bytes between marks, and for each mark the array's
    /// opening bracket, its chunks and its closing bracket, as `JSONByteWriter` brackets an array.
    ///
    /// An element heavier than a chunk may weigh (a figure that ten thousand units report, with a
    /// contribution from each) is written here with its own long arrays left out, and those are
    /// cut into chunks in turn: the chunks in flight stay small at any number of units. Its arrays
    /// are added to `splitter`'s, which the pieces' array numbers then refer to.
    func plan(_ skeleton: [UInt8], splitter: JSONArraySplitter) throws -> [Piece] {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        try plan(skeleton, splitter: splitter, into: &pieces, literal: &literal)
        if !literal.isEmpty { pieces.append(.bytes(literal)) }
        return pieces
    }

    private func plan(_ skeleton: [UInt8], splitter: JSONArraySplitter, into pieces: inout [Piece],
                      literal: inout [UInt8]) throws {
        var i = 0
        while i < skeleton.count {
            let byte = skeleton[i]
            guard byte == JSONArraySplitter.mark else {
                literal.append(byte)
                i += 1
                continue
            }
            var number = 0
            i += 1
            while i < skeleton.count, skeleton[i] != JSONArraySplitter.mark {
                number = number &* 10 &+ Int(skeleton[i] &- UInt8(ascii: "0"))
                i += 1
            }
            i += 1
            let (array, depth) = splitter.arrays[number]
            literal.append(UInt8(ascii: "["))
            if encoder.pretty { literal.append(0x0A) }
            let count = array.jsonElementCount
            let size = max(1, min(maximumChunk, (count + chunksPerArray - 1) / max(1, chunksPerArray)))
            // Chunks of at most `size` elements and of at most about a `chunksPerArray`th of the
            // array's weight (capped): an element heavier than that is a chunk of its own, or
            // where it holds long arrays, written apart.
            let weights = array.jsonElementWeights()
            let total = weights.reduce(0, +)
            let weightLimit = max(size, min(maximumWeight, (total + chunksPerArray - 1) / max(1, chunksPerArray)))
            var from = 0
            while from < count {
                var to = from + 1
                var weight = weights[from]
                while to < count, to - from < size, weight + weights[to] <= weightLimit {
                    weight += weights[to]
                    to += 1
                }
                if weight > weightLimit, let apart = try elementSkeleton(of: array, element: from, depth: depth, splitter: splitter) {
                    try plan(apart, splitter: splitter, into: &pieces, literal: &literal)
                } else {
                    if !literal.isEmpty { pieces.append(.bytes(literal)) }
                    literal = []
                    pieces.append(.chunk(array: number, range: from..<to))
                }
                from = to
            }
            if encoder.pretty {
                literal.append(0x0A)
                literal.append(contentsOf: repeatElement(0x20, count: 2 * depth))
            }
            literal.append(UInt8(ascii: "]"))
        }
    }

    /// A heavy element's bytes, as its chunk would hold them, with its long arrays left out and
    /// marked; nil where it holds none, or where the fast writer cannot write it alone.
    private func elementSkeleton(of array: any JSONSplittableArray, element: Int, depth: Int,
                                 splitter: JSONArraySplitter) throws -> [UInt8]? {
        let writer = JSONByteWriter(pretty: encoder.pretty, escapeSlashes: encoder.escapeSlashes, direct: encoder.direct)
        let before = splitter.arrays.count
        writer.splitter = splitter
        try array.writeJSONElements(element..<(element + 1), depth: depth + 1, into: writer)
        guard !writer.unsupported, writer.frames.isEmpty, splitter.arrays.count > before else {
            splitter.arrays.removeSubrange(before...)
            return nil
        }
        return writer.out
    }
}

/// The left-out arrays, read by the chunk workers: each is part of the `Sendable` value encoded,
/// and the list is not changed once the workers start.
private struct SendableArrays: @unchecked Sendable {
    let value: [(array: any JSONSplittableArray, depth: Int)]
    init(_ value: [(array: any JSONSplittableArray, depth: Int)]) { self.value = value }
}

// What summary.json's long arrays hold, weighed by the statements and figures each element quotes.

extension StatementGroup: JSONChunkWeighted {
    var jsonChunkWeight: Int { members.count + 1 }
}

extension ProblemGroup: JSONChunkWeighted {
    var jsonChunkWeight: Int { items.count + 1 }
}

extension MetricTotal: JSONChunkWeighted {
    var jsonChunkWeight: Int { units.count + (conflicts ?? []).reduce(1) { $0 + $1.figures.count } }
}
