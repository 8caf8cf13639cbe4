import Testing
@testable import ConsolidateCore

/// The keys the Normalize and Extract stages added to the pipeline file are strict too.
@Suite struct NormalizeConfigurationTests {
    @Test func newKeysDecodeAndMisspellingsAreNamed() throws {
        let configuration = try PipelineConfiguration.decode(yaml: """
        residue:
          rules:
            - {id: a, pattern: 'x', action: line, maxLength: 10, edge: 2, warning: 注意}
        substitutions:
          flags:
            - {pattern: 'A(?=同志)', warning: 请核对}
        sections:
          closing: [特此汇报]
        metrics:
          approxPrefixes: [近]
          falseMeasures: [个月]
          frequencyMarkers: [每月]
          leadingWords: [累计]
        """)
        #expect(configuration.residue.rules[0].edge == 2)
        #expect(configuration.residue.rules[0].warning == "注意")
        #expect(configuration.substitutions.flags.count == 1)
        #expect(configuration.sections.closing == ["特此汇报"])
        #expect(configuration.metrics.falseMeasures == ["个月"])
        #expect(throws: ConfigurationError.unknownKey(path: "substitutions.flags[0].warnig")) {
            try PipelineConfiguration.decode(yaml: "substitutions:\n  flags:\n    - {pattern: a, warnig: b}\n")
        }
        #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.decode(yaml: "substitutions:\n  flags:\n    - {pattern: '([', warning: b}\n")
        }
    }

    @Test func defaultPipelineFillsTheNewVocabularies() {
        let configuration = NormalizeFixtures.configuration
        #expect(!configuration.substitutions.flags.isEmpty)
        #expect(!configuration.sections.closing.isEmpty)
        #expect(!configuration.metrics.approxPrefixes.isEmpty)
        #expect(!configuration.metrics.falseMeasures.isEmpty)
        #expect(!configuration.metrics.frequencyMarkers.isEmpty)
        #expect(!configuration.metrics.leadingWords.isEmpty)
        #expect(configuration.residue.rules.contains { $0.warning != nil })
    }
}
