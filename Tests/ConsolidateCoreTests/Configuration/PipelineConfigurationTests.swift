import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct PipelineConfigurationTests {
    @Test func emptyDocumentDecodesToTheDefaults() throws {
        #expect(try PipelineConfiguration.decode(yaml: "") == .default)
        #expect(try PipelineConfiguration.decode(yaml: "version: 1\n") == .default)
    }

    @Test func defaultPipelineFileDecodesAndFillsEveryVocabulary() throws {
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        #expect(!configuration.residue.rules.isEmpty)
        #expect(!configuration.sections.achievements.isEmpty)
        #expect(!configuration.metrics.activities.isEmpty)
        #expect(!configuration.metrics.formulas.isEmpty)
    }

    @Test func misspeltKeyIsReportedWithItsPath() {
        #expect(throws: ConfigurationError.unknownKey(path: "merge.similarty")) {
            try PipelineConfiguration.decode(yaml: "merge:\n  similarty: 0.4\n")
        }
        #expect(throws: ConfigurationError.unknownKey(path: "residue.rules[0].patern")) {
            try PipelineConfiguration.decode(yaml: "residue:\n  rules:\n    - {id: a, patern: b}\n")
        }
    }

    @Test func wrongTypeIsReportedWithItsPathAndTheExpectedType() {
        #expect(throws: ConfigurationError.wrongType(path: "merge.similarity", expected: "a number")) {
            try PipelineConfiguration.decode(yaml: "merge:\n  similarity: high\n")
        }
        #expect(throws: ConfigurationError.wrongType(path: "inputs.maxFileBytes", expected: "a single value, not a list or mapping")) {
            try PipelineConfiguration.decode(yaml: "inputs:\n  maxFileBytes: [1]\n")
        }
    }

    @Test func invalidRegularExpressionIsRejected() {
        #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.decode(yaml: "residue:\n  rules:\n    - {id: a, pattern: '([', action: span}\n")
        }
    }

    @Test func outOfRangeThresholdIsRejected() {
        #expect(throws: ConfigurationError.invalidValue(
            path: "merge.similarity", reason: "expected a number from 0 to 1, got 1.5")) {
            try PipelineConfiguration.decode(yaml: "merge:\n  similarity: 1.5\n")
        }
    }

    @Test func effectiveConfigurationPrintsAsYAMLThatReadsBack() throws {
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        let text = try configuration.yaml()
        #expect(text.contains("党建"))
        #expect(try PipelineConfiguration.decode(yaml: text) == configuration)
    }
}
