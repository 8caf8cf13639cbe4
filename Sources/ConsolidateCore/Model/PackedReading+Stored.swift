import Foundation

/// A packed report as the state store keeps it (instead of the whole report): what a nightly run
/// holds of an unchanged file, read back without reading the file again.
///
/// The account is compact JSON (`ReportStore.encode`); the reading is its runs written field by field
/// in little-endian order, each enumeration by its place among its cases, and read back with every
/// length, end and case checked: bytes it did not write read as nothing, and the file is read again.
extension PackedReport {
    /// The stored form: the account's JSON length (eight bytes), its JSON, the reading, then the
    /// signature: a flag, the count of minima, the minima, and the masked name's length and UTF-8.
    var storedBytes: Data? {
        guard let account = try? ReportStore.encode(account) else { return nil }
        var writer = StoredWriter()
        writer.int(account.count)
        writer.bytes(account)
        reading.write(to: &writer)
        writer.byte(signature == nil ? 0 : 1)
        let minima = signature?.minima ?? []
        writer.int(minima.count)
        for value in minima { writer.int(Int(bitPattern: UInt(value))) }
        let unit = Array((signature?.unit ?? "").utf8)
        writer.int(unit.count)
        writer.bytes(unit)
        return Data(writer.output)
    }

    /// `storedBytes` read back; nil for bytes it did not write.
    init?(storedBytes data: Data) {
        let found: PackedReport?? = data.withUnsafeBytes { raw in
            var reader = StoredReader(raw)
            guard let length = reader.int(), let json = reader.bytes(length),
                  let account = try? JSONByteDecoder.decode(UnitReport.self, from: Data(json)),
                  let reading = PackedReading(reading: &reader),
                  let signed = reader.byte(), signed <= 1, let count = reader.int(), count >= 0, count <= reader.remaining / 8
            else { return nil }
            var minima: [UInt64] = []
            minima.reserveCapacity(count)
            for _ in 0..<count {
                guard let value = reader.int() else { return nil }
                minima.append(UInt64(UInt(bitPattern: value)))
            }
            guard let unitLength = reader.int(), let unitBytes = reader.bytes(unitLength),
                  let unit = String(validating: unitBytes, as: UTF8.self), reader.atEnd,
                  signed == 1 || (count == 0 && unit.isEmpty) else { return nil }
            var report = PackedReport(account: account, reading: reading)
            if signed == 1 { report.signature = CopyDetector.Signature(unit: unit, minima: minima) }
            return report
        }
        guard let found = found ?? nil else { return nil }
        self = found
    }
}

/// Little-endian fields appended to one buffer.
struct StoredWriter {
    private(set) var output: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { output.append(contentsOf: $0) }
    }

    mutating func byte(_ value: Int) { output.append(UInt8(value)) }

    mutating func bytes<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 { output.append(contentsOf: bytes) }

    /// A place's origin: 0 for none, else one more than its place among the cases.
    mutating func origin(_ origin: ParagraphOrigin?) {
        byte(origin.map { ParagraphOrigin.allCases.firstIndex(of: $0)! + 1 } ?? 0)
    }
}

/// `StoredWriter`'s fields read back, each nil past the end.
struct StoredReader {
    private let raw: UnsafeRawBufferPointer
    private var offset = 0

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var remaining: Int { raw.count - offset }
    var atEnd: Bool { offset == raw.count }

    mutating func int() -> Int? {
        guard remaining >= 8 else { return nil }
        defer { offset += 8 }
        return Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
    }

    mutating func byte() -> Int? {
        guard remaining >= 1 else { return nil }
        defer { offset += 1 }
        return Int(raw[offset])
    }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return Array(raw[offset..<(offset + count)])
    }

    /// An origin as `StoredWriter.origin` wrote it: nil past the end or for a place no case has;
    /// `.some(nil)` for none.
    mutating func origin() -> ParagraphOrigin?? {
        guard let code = byte(), code <= ParagraphOrigin.allCases.count else { return nil }
        return .some(code == 0 ? nil : ParagraphOrigin.allCases[ParagraphOrigin.allCases.index(ParagraphOrigin.allCases.startIndex, offsetBy: code - 1)])
    }
}
