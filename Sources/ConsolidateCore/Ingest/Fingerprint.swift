import Crypto
import Foundation

/// The content hash that identifies a submission (`source.sha256`).
enum Fingerprint {
    /// Lower-case hex SHA-256 of `bytes`.
    static func sha256(_ bytes: Data) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
