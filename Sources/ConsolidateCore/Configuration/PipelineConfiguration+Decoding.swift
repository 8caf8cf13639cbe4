import Foundation
import Yams

/// A mistake in a pipeline file, with the path of the key it is about.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, reason: String)
    case unknownKey(path: String)
    case wrongType(path: String, expected: String)
    case missingKey(path: String)
    case invalidValue(path: String, reason: String)
    case unsupportedVersion(Int)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "cannot read pipeline file \(file): \(reason)"
        case let .syntax(file, reason):
            return "\(file) is not valid YAML: \(reason)"
        case let .unknownKey(path):
            return "\(path): unknown key; check its spelling against Pipelines/default.yml"
        case let .wrongType(path, expected):
            return "\(path): expected \(expected)"
        case let .missingKey(path):
            return "\(path): this key is required"
        case let .invalidValue(path, reason):
            return "\(path): \(reason)"
        case let .unsupportedVersion(version):
            return "version: this build reads pipeline version 1, the file says \(version)"
        }
    }
}

extension PipelineConfiguration {
    /// Reads and validates a pipeline file.
    public static func load(from url: URL) throws -> PipelineConfiguration {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        var configuration = try decode(yaml: text, file: url.path)
        configuration.render.resolveSummaryTemplate(against: url.deletingLastPathComponent())
        return configuration
    }

    /// Decodes a pipeline from YAML text; an empty document gives the defaults.
    public static func decode(yaml: String, file: String = "<pipeline>") throws -> PipelineConfiguration {
        let configuration: PipelineConfiguration
        do {
            if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                configuration = .default
            } else {
                configuration = try YAMLDecoder().decode(PipelineConfiguration.self, from: yaml)
            }
        } catch let error as ConfigurationError {
            throw error
        } catch let error as DecodingError {
            // Yams wraps what an `init(from:)` throws as "not valid YAML"; unwrap it.
            if case let .dataCorrupted(context) = error, let underlying = context.underlyingError {
                if let error = underlying as? ConfigurationError { throw error }
                if let error = underlying as? DecodingError { throw ConfigurationError(error) }
                throw ConfigurationError.syntax(file: file, reason: "\(underlying)")
            }
            throw ConfigurationError(error)
        } catch {
            throw ConfigurationError.syntax(file: file, reason: "\(error)")
        }
        try configuration.validate()
        return configuration
    }

    /// The effective configuration as YAML, for `consolidate config`.
    public func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.sortKeys = false
        return try encoder.encode(self)
    }

    /// Checks what types alone cannot: patterns compile, ids are unique, numbers are in range.
    func validate() throws {
        guard version == 1 else { throw ConfigurationError.unsupportedVersion(version) }
        for (index, rule) in residue.rules.enumerated() {
            try Self.checkPattern(rule.pattern, path: "residue.rules[\(index)].pattern")
        }
        for (index, pattern) in placeholders.patterns.enumerated() {
            try Self.checkPattern(pattern, path: "placeholders.patterns[\(index)]")
        }
        for (index, flag) in substitutions.flags.enumerated() {
            try Self.checkPattern(flag.pattern, path: "substitutions.flags[\(index)].pattern")
        }
        try Self.checkUnique(residue.rules.map(\.id), path: "residue.rules")
        try Self.checkUnique(problems.categories.map(\.id), path: "problems.categories")
        try Self.checkUnique(themes.map(\.id), path: "themes")
        try Self.checkUnique(metrics.activities.map(\.name), path: "metrics.activities")
        if !problems.categories.isEmpty, !problems.categories.contains(where: { $0.id == problems.fallback }) {
            throw ConfigurationError.invalidValue(
                path: "problems.fallback", reason: "\"\(problems.fallback)\" is not one of problems.categories")
        }
        for (path, value) in [("merge.similarity", merge.similarity), ("merge.containment", merge.containment),
                              ("merge.copySimilarity", merge.copySimilarity),
                              ("merge.copyStatementSimilarity", merge.copyStatementSimilarity),
                              ("problems.exampleThreshold", problems.exampleThreshold)]
        where !(0...1).contains(value) {
            throw ConfigurationError.invalidValue(path: path, reason: "expected a number from 0 to 1, got \(value)")
        }
        if !(inputs.fileTimeLimitSeconds > 0 && inputs.fileTimeLimitSeconds <= 86_400) {
            throw ConfigurationError.invalidValue(
                path: "inputs.fileTimeLimitSeconds", reason: "expected a number of seconds above 0 and at most 86400, got \(inputs.fileTimeLimitSeconds)")
        }
        if merge.maxFigure < 1 {
            throw ConfigurationError.invalidValue(path: "merge.maxFigure", reason: "expected a whole number above 0, got \(merge.maxFigure)")
        }
        if render.maxPracticesNamed < 0 {
            throw ConfigurationError.invalidValue(path: "render.maxPracticesNamed", reason: "expected a whole number of 0 or more, got \(render.maxPracticesNamed)")
        }
        if render.maxUnitRows < 1 {
            throw ConfigurationError.invalidValue(path: "render.maxUnitRows", reason: "expected a whole number above 0, got \(render.maxUnitRows)")
        }
        if render.maxUnitsNamed < 1 {
            throw ConfigurationError.invalidValue(path: "render.maxUnitsNamed", reason: "expected a whole number above 0, got \(render.maxUnitsNamed)")
        }
        let known = Renderer.outputs
        for (index, output) in render.outputs.enumerated() where !known.contains(output) {
            throw ConfigurationError.invalidValue(
                path: "render.outputs[\(index)]",
                reason: "\"\(output)\" is not an output this build writes (\(known.joined(separator: ", ")))")
        }
    }

    private static func checkPattern(_ pattern: String, path: String) throws {
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ConfigurationError.invalidValue(path: path, reason: "not a valid regular expression: \(pattern)")
        }
    }

    private static func checkUnique(_ ids: [String], path: String) throws {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw ConfigurationError.invalidValue(path: path, reason: "\"\(id)\" appears twice")
        }
    }
}

extension PipelineConfiguration.RenderSettings {
    /// Makes a relative `summaryTemplate` absolute, against the pipeline file's folder.
    mutating func resolveSummaryTemplate(against folder: URL) {
        guard !summaryTemplate.isEmpty, !summaryTemplate.hasPrefix("/") else { return }
        summaryTemplate = folder.appendingPathComponent(summaryTemplate).standardizedFileURL.path
    }
}

extension ConfigurationError {
    init(_ error: DecodingError) {
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else {
                    text += text.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case let .typeMismatch(type, context):
            self = .wrongType(path: path(context.codingPath), expected: Self.describe(type))
        case let .valueNotFound(type, context):
            self = .wrongType(path: path(context.codingPath), expected: Self.describe(type))
        case let .keyNotFound(key, context):
            self = .missingKey(path: path(context.codingPath + [key]))
        case let .dataCorrupted(context):
            self = .invalidValue(path: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            self = .invalidValue(path: "(unknown)", reason: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "a string"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasSuffix("Scalar") { return "a single value, not a list or mapping" }
            if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "a mapping" }
            return name
        }
    }
}
