/// One stored copy of each spelling: a text equal byte for byte to one seen before is given back
/// as the `String` made the first time, so that many copies of a wording cost one buffer. Units
/// name the same few activities and copy each other's and their superiors' sentences, and the
/// merge holds every statement and figure of a province at once. Texts short enough to be held
/// inline (15 UTF-8 bytes) cost no buffer and are passed through. Equal as `String`s but spelled
/// with other bytes is not the same: each keeps its own bytes.
///
/// An open-addressed table of the distinct texts' positions, each slot tagged with the upper half of
/// its text's hash, so a lookup hashes the bytes once and compares bytes only on a matching tag.
struct SpellingPool {
    /// 0 for an empty slot; else the hash's upper 32 bits, then the text's position + 1.
    private var slots: [UInt64]
    private var texts: [String] = []

    /// Room for `expected` distinct texts before the table grows.
    init(expected: Int = 0) {
        slots = [UInt64](repeating: 0, count: Self.capacity(for: expected))
    }

    /// How many distinct texts (past the inline size) the pool holds.
    var count: Int { texts.count }

    mutating func shared(_ text: String) -> String {
        // Up to 15 UTF-8 bytes a string is held inline, not in a buffer of its own.
        guard text.utf8.count > 15 else { return text }
        var copy = text
        return copy.withUTF8 { bytes in shared(bytes) { text } }!
    }

    /// `shared(_:)` of the text whose UTF-8 is `bytes`, made into a `String` only when it is new.
    mutating func shared(bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        return shared(bytes) { String(decoding: bytes, as: UTF8.self) }!
    }

    /// `shared(bytes:)` where `bytes` may not be UTF-8: nil for bytes that are not (as `String(validating:)`).
    mutating func shared(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 15 else { return String(validating: bytes, as: UTF8.self) }
        return shared(bytes) { String(validating: bytes, as: UTF8.self) }
    }

    /// The pool's text of `bytes`, or `make`'s, kept for next time; nil where `make` gives none (nothing kept).
    private mutating func shared(_ bytes: UnsafeBufferPointer<UInt8>, making make: () -> String?) -> String? {
        if (texts.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(bytes)
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 {
                guard let text = make() else { return nil }
                slots[slot] = tag << 32 | UInt64(texts.count + 1)
                texts.append(text)
                return text
            }
            if entry >> 32 == tag {
                let seen = texts[Int(entry & 0xFFFF_FFFF) - 1]
                if TextOrder.sameBytes(seen, bytes) { return seen }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: max(16, slots.count * 2))
        let mask = slots.count - 1
        for (position, text) in texts.enumerated() {
            var text = text
            let hash = text.withUTF8(Self.hash)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash >> 32) << 32 | UInt64(position + 1)
        }
    }

    private static func capacity(for expected: Int) -> Int {
        var capacity = 16
        while capacity < expected * 2 { capacity *= 2 }
        return capacity
    }

    /// A 64-bit hash of `bytes`, eight at a time: the same in every process (no per-run seed is
    /// needed, the table's order is never seen).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 29
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        return hash ^ (hash >> 32)
    }
}
