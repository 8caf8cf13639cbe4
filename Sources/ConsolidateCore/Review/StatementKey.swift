import Foundation

/// The content key of one unit's statement: a hash of the unit and the statement's folded text.
///
/// Decisions are keyed by it, never by positions or group ids, so that a decision finds its
/// statement again after the merge regroups, reorders or renumbers anything; the merge can
/// compute the same key from any `Member`. Folding (full-width to ASCII, white space removed,
/// traditional to simplified) makes a resubmission that only changed spacing keep its key.
public enum StatementKey {
    /// The key of `text` as written by `unit`: 20 hex digits of SHA-256.
    public static func of(unit: String, text: String) -> String {
        of(unit: unit, folded: TextFolding.fold(text))
    }

    /// The key from text already folded by `TextFolding.fold`.
    static func of(unit: String, folded: String) -> String {
        String(Fingerprint.sha256(Data((unit + "\u{1F}" + folded).utf8)).prefix(20))
    }

    /// The key of a member of a merged group.
    public static func of(_ member: Member) -> String {
        of(unit: member.unit, text: member.text)
    }
}
