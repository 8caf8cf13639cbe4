import Foundation

/// The project's one JSON style: sorted keys, so equal values give equal bytes.
///
/// Written by `JSONByteEncoder`, which gives the bytes Foundation's `JSONEncoder` gives with
/// `.sortedKeys, .prettyPrinted, .withoutEscapingSlashes` (or without `.prettyPrinted`), several
/// times faster; the summary of a large run is well over a hundred megabytes.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        var bytes = try JSONByteEncoder(pretty: pretty, escapeSlashes: false).encode(value)
        if pretty { bytes.append(0x0A) }
        return Data(bytes)
    }

    /// The bytes `encode` gives, written to `sink` as they are made, the long arrays encoded on every
    /// core (`JSONChunkedEncoder`): for summary.json, which is never whole in memory this way.
    public static func write<T: Encodable & Sendable>(_ value: T, pretty: Bool = true, to sink: any ByteSink) throws {
        try JSONChunkedEncoder(pretty: pretty, escapeSlashes: false).encode(value, to: sink)
        if pretty { try sink.write([0x0A]) }
    }

    /// The bytes `encode` gives, the long arrays encoded on every core: for a large value needed in memory.
    public static func encodeInParallel<T: Encodable & Sendable>(_ value: T, pretty: Bool = true) throws -> Data {
        let sink = ByteBufferSink()
        try write(value, pretty: pretty, to: sink)
        return Data(sink.bytes)
    }

    /// The same bytes from Foundation's encoder: the reference `encode` is held to in tests.
    static func foundationEncode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        var data = try JSONByteEncoder(pretty: pretty, escapeSlashes: false).foundationEncoder().encode(value)
        if pretty { data.append(0x0A) }
        return data
    }
}
