import Crypto
import Foundation

/// The content hash that identifies a submission (`source.sha256`).
enum Fingerprint {
    /// Lower-case hex SHA-256 of `bytes`.
    static func sha256(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { byte in
            byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }
}
