import Crypto
import Foundation

/// The content hash that identifies a submission (`source.sha256`).
enum Fingerprint {
    /// Lower-case hex SHA-256 of `bytes`.
    static func sha256(_ bytes: Data) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The hash of a file read a megabyte at a time: hashing the executable (a hundred
    /// megabytes in a debug build) must not hold it all in memory.
    static func sha256(fileAt url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            // nil or empty at the end of the file.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        } catch {
            return nil
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
