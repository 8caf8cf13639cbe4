import CLibXML2
import Foundation

/// Inflates a zip entry's raw deflate stream with zlib, chunk by chunk, telling zlib exactly
/// how many input bytes there are.
///
/// ZIPFoundation's `Data.decompress` on Linux tells zlib that every input chunk is a full
/// buffer long, so at the end of a damaged stream zlib reads past the last chunk into
/// whatever memory follows it (found by fuzzing: a crash outside any Swift code, on no fixed
/// input). Here zlib only ever sees the bytes of the entry.
enum RawInflater {
    enum Outcome: Equatable {
        /// The stream ended as deflate streams do.
        case complete
        /// Not valid deflate data, or input that ends before the stream's last block.
        case damaged
        /// `consumer` asked to stop (a size limit, say).
        case stopped
    }

    /// Hands each piece of inflated output to `consumer`, in order, while it returns true.
    static func inflate(_ input: Data, chunkSize: Int = 1 << 16,
                        consumer: (UnsafeRawBufferPointer) -> Bool) -> Outcome {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .damaged }
        defer { inflateEnd(&stream) }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { output.deallocate() }
        return input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Outcome in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return .damaged }
            var offset = 0
            while true {
                if stream.avail_in == 0 {
                    // Input exhausted before the stream's end: damaged.
                    guard offset < raw.count else { return .damaged }
                    let length = min(raw.count - offset, 1 << 20)
                    stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                    stream.avail_in = UInt32(length)
                    offset += length
                }
                stream.next_out = output
                stream.avail_out = UInt32(chunkSize)
                let status = CLibXML2.inflate(&stream, Z_NO_FLUSH)
                // With input and room for output, zlib always makes progress: any other status is damage.
                guard status == Z_OK || status == Z_STREAM_END else { return .damaged }
                let produced = chunkSize - Int(stream.avail_out)
                if produced > 0, !consumer(UnsafeRawBufferPointer(start: output, count: produced)) { return .stopped }
                if status == Z_STREAM_END { return .complete }
            }
        }
    }
}
