/// Escaping for HTML text and attribute values: every unit's words pass through it,
/// so a report containing `<script>` shows as text.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        // Most text holds none of the five: it is returned as it is, after one pass over its bytes.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
