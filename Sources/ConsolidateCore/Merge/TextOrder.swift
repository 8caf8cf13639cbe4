import Foundation

/// `String`'s order and substring search, on scalar values or UTF-8 bytes where that gives the same answer.
///
/// `String` compares by canonical equivalence: it normalizes non-ASCII text on every comparison,
/// which dominates sorting Chinese text. Text made only of "plain" scalars (ASCII, CJK ideographs,
/// CJK and full-width punctuation) is its own normal form and no other spelling is canonically
/// equivalent to it, so for such text `String`'s order is the order of scalar values, which is
/// the order of UTF-8 bytes. Anything else is compared as `String`s, as before.
enum TextOrder {
    /// A scalar value that normalization leaves as it is and that never combines with a neighbour.
    @inline(__always)
    static func isPlain(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xB7, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    /// Whether every scalar of `text` is plain: read from its UTF-8 where it lies in one run (a native
    /// string's always does), without a scalar view's decoding step per scalar.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isPlainUTF8) ?? text.unicodeScalars.allSatisfy { isPlain($0.value) }
    }

    /// `isPlain` of the scalars valid UTF-8 encodes. Every plain scalar takes one byte (ASCII), two
    /// (U+00B7 only) or three; none takes four.
    static func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                guard lead >= 0x20 && lead <= 0x7E else { return false }
                index += 1
            } else if lead < 0xE0 {
                guard lead == 0xC2, index + 1 < count, bytes[index + 1] == 0xB7 else { return false }
                index += 2
            } else if lead < 0xF0 {
                guard index + 2 < count else { return false }
                let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                guard isPlain(value) else { return false }
                index += 3
            } else {
                return false
            }
        }
        return true
    }

    /// Two scalar-value arrays of plain scalars in `String` order: -1, 0 or 1.
    static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int { lexicographic(a, b) }

    /// A string with whether it is plain, worked out once for many comparisons.
    struct Key: Sendable {
        let text: String
        let plain: Bool

        init(_ text: String) {
            self.text = text
            plain = TextOrder.isPlain(text)
        }
    }

    /// Two keys in `String` order: -1, 0 or 1. Plain ones by their UTF-8 bytes.
    static func compare(_ a: Key, _ b: Key) -> Int {
        if a.plain && b.plain {
            if let order = a.text.utf8.withContiguousStorageIfAvailable({ x in
                b.text.utf8.withContiguousStorageIfAvailable { y in compareBytes(x, y) }
            }), let order {
                return order
            }
        }
        return a.text < b.text ? -1 : a.text == b.text ? 0 : 1
    }

    private static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        compare(a, b)
    }

    /// The UTF-8 of two plain texts in `String` order (their bytes' order): -1, 0 or 1.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : a.count < b.count ? -1 : 1
    }

    /// Whether two texts are spelled with the same bytes (`==` is canonical equivalence, a weaker
    /// test): counts first, then one `memcmp` where each lies in one run (a native string's does).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let found = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in sameBytes(x, y) }
        }
        if let found, let found { return found }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// `sameBytes` of a text and bytes.
    static func sameBytes(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { sameBytes($0, bytes) } ?? text.utf8.elementsEqual(bytes)
    }

    /// Whether two runs of bytes are equal.
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// Element by element, then the shorter first: -1, 0 or 1.
    private static func lexicographic<C: RandomAccessCollection>(_ a: C, _ b: C) -> Int where C.Element: Comparable, C.Index == Int {
        let count = min(a.count, b.count)
        var index = 0
        while index < count {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index += 1
        }
        return a.count == b.count ? 0 : a.count < b.count ? -1 : 1
    }

    /// Whether `text` contains `name` and `name` has at least two characters: a unit naming itself.
    ///
    /// On scalars where both are plain (each scalar a character of its own, no other spelling
    /// equivalent); otherwise as Foundation's `contains` finds it.
    static func containsName(_ name: String, in text: String) -> Bool {
        var count = 0
        for scalar in name.unicodeScalars {
            guard isPlain(scalar.value) else { return name.count >= 2 && text.contains(name) }
            count += 1
        }
        guard count >= 2 else { return false }
        guard isPlain(text) else { return text.contains(name) }
        // Plain text: a scalar match is a byte match (UTF-8 never matches inside a scalar).
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            name.utf8.withContiguousStorageIfAvailable { needle -> Bool in
                guard haystack.count >= needle.count, let first = needle.first else { return false }
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    var offset = 1
                    while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
        if let found, let found { return found }
        return text.contains(name)
    }
}
