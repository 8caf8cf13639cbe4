/// The pipeline's configuration: every rule, vocabulary and threshold the stages use.
///
/// The project's default lives in `Pipelines/default.yml`; a department edits
/// a copy of it and passes it with `--pipeline`, no rebuild needed. Keys left
/// out take the defaults written in `PipelineConfiguration+Default.swift`;
/// an unknown key or a value of the wrong type is an error naming the key.
public struct PipelineConfiguration: Codable, Sendable, Equatable {
    /// The schema version of the file; this build reads version 1.
    public var version: Int
    public var inputs: Inputs
    public var residue: ResidueSettings
    public var placeholders: PlaceholderSettings
    public var substitutions: SubstitutionSettings
    public var sections: SectionVocabulary
    public var metrics: MetricVocabulary
    public var problems: ProblemTaxonomy
    public var themes: [Theme]
    public var merge: MergeSettings
    public var render: RenderSettings

    /// Which files are read, and the limits that protect the machine from a hostile or broken file.
    public struct Inputs: Codable, Sendable, Equatable {
        /// File name endings read as submissions (lower case, no dot).
        public var extensions: [String]
        /// Files larger than this many bytes are quarantined.
        public var maxFileBytes: Int
        /// A zip entry whose declared or inflated size exceeds this is refused.
        public var maxEntryBytes: Int
        /// A .docx whose parts inflate past this in all, with every document embedded in it
        /// (`w:altChunk` documents and theirs), is refused: the budget of one submission.
        public var maxDocumentBytes: Int = 100 * 1024 * 1024
        /// A .docx whose parts hold more XML elements than this in all, with every document
        /// embedded in it, is refused: the parsed tree costs memory per element, however small.
        public var maxXMLElements: Int = 4_000_000
        /// Deeper XML nesting than this is refused.
        public var maxXMLDepth: Int
        /// A file whose reading takes more than this many seconds of processor time (ingest,
        /// normalize and extract together; outside converters not counted) is quarantined with
        /// the limit named (`FileDeadline`).
        public var fileTimeLimitSeconds: Double = 30
        /// The office tools that turn .doc, .wps and .pdf into formats the readers take.
        public var converters: Converters
        enum CodingKeys: String, CodingKey, CaseIterable {
            case extensions, maxFileBytes, maxEntryBytes, maxDocumentBytes, maxXMLElements, maxXMLDepth, fileTimeLimitSeconds, converters
        }
    }

    /// The tools a submission in another format is converted with; an empty name switches one off.
    public struct Converters: Codable, Sendable, Equatable {
        /// LibreOffice's `soffice`, for Word 97-2003 `.doc` and WPS `.wps` (a name on PATH or a path).
        public var libreOffice: String
        /// poppler's `pdftotext`, for a PDF's text layer.
        public var pdfToText: String
        /// A conversion still running after this many seconds is stopped and the file quarantined.
        public var timeoutSeconds: Int
        enum CodingKeys: String, CodingKey, CaseIterable {
            case libreOffice, pdfToText, timeoutSeconds
        }
    }

    /// How a residue rule removes what it matches.
    public enum ResidueAction: String, Codable, Sendable, Equatable, CaseIterable {
        /// Remove only the matched text; the rest of the paragraph is joined back.
        case span
        /// Remove the whole paragraph the match stands in.
        case line
        /// Remove the paragraph (a link heading: `推荐阅读：`) and, where it stands in the document's
        /// second half, the short paragraphs after it (the linked titles), up to the first longer one.
        case tail
    }

    /// One rule for template-site residue (advertising, paywall markers, site footers).
    public struct ResidueRule: Codable, Sendable, Equatable {
        /// A short id reported with every removal (`paywall-marker`).
        public var id: String
        /// A regular expression (ICU syntax) matched against each paragraph.
        public var pattern: String
        public var action: ResidueAction
        /// For `line` and `tail` rules: only paragraphs no longer than this many characters are
        /// removed, so a long paragraph of real text that mentions a word is never dropped.
        public var maxLength: Int?
        /// Only paragraphs within this many main-text lines of the document's start or end
        /// are touched (advertising and site footers sit at the edges); nil for anywhere.
        public var edge: Int? = nil
        /// What the unit is told, in Chinese, when the rule matched (a paywall note means
        /// the report is incomplete); nil for the general residue warning only.
        public var warning: String? = nil
        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, pattern, action, maxLength, edge, warning
        }
    }

    public struct ResidueSettings: Codable, Sendable, Equatable {
        public var rules: [ResidueRule]
        enum CodingKeys: String, CodingKey, CaseIterable {
            case rules
        }
    }

    public struct PlaceholderSettings: Codable, Sendable, Equatable {
        /// Regular expressions for an unfilled name or figure; each match is reported.
        public var patterns: [String]
        /// The most characters of the phrase holding a placeholder kept on each side of it
        /// (the phrase ends sooner at a clause break, a verb or a quotation mark).
        public var context: Int
        /// Words that end a name a placeholder stands in (`XX区`, `XX幼儿园党支部`), longest first;
        /// the phrase reported runs over as many of them as follow the placeholder.
        public var nameWords: [String] = []
        enum CodingKeys: String, CodingKey, CaseIterable {
            case patterns, context, nameWords
        }
    }

    public struct Substitution: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        enum CodingKeys: String, CodingKey, CaseIterable {
            case from, to
        }
    }

    /// A censor-avoidance spelling that cannot be undone safely (a bare `A` for a
    /// leader's name): it is reported, never guessed.
    public struct SpellingFlag: Codable, Sendable, Equatable {
        /// A regular expression (ICU syntax) matched against each line.
        public var pattern: String
        /// What the unit is told, in Chinese.
        public var warning: String
        enum CodingKeys: String, CodingKey, CaseIterable {
            case pattern, warning
        }
    }

    /// Censor-avoidance spellings undone before extraction (`D建` → `党建`).
    public struct SubstitutionSettings: Codable, Sendable, Equatable {
        public var enabled: Bool
        public var pairs: [Substitution]
        /// Spellings reported but left as written.
        public var flags: [SpellingFlag] = []
        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled, pairs, flags
        }
    }

    /// Words that tell a section's kind from its heading.
    public struct SectionVocabulary: Codable, Sendable, Equatable {
        public var achievements: [String]
        public var problems: [String]
        public var plans: [String]
        /// Headings that are neither (基本情况, 原因分析); checked first.
        public var other: [String]
        /// Closing lines at the end of a report (特此汇报); they and the signature
        /// and date after them are not items.
        public var closing: [String] = []
        enum CodingKeys: String, CodingKey, CaseIterable {
            case achievements, problems, plans, other, closing
        }
    }

    /// A canonical activity and the words units use for it.
    public struct Activity: Codable, Sendable, Equatable {
        public var name: String
        public var aliases: [String]
        /// Whether the summary totals this activity among the main counts.
        public var main: Bool
        /// The measure words a count of this activity takes (次 for meetings, 名 for people);
        /// empty for any. Keeps `支委会委员5名` from counting as committee meetings.
        public var units: [String] = []
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, aliases, main, units
        }
    }

    public struct MetricVocabulary: Codable, Sendable, Equatable {
        public var activities: [Activity]
        /// Measure words that end a count (次, 名, 人次 …), longest first when matched.
        public var measureWords: [String]
        /// Fixed political formulas built from numerals; never counts.
        public var formulas: [String]
        /// Words after the number or the measure word that make a figure approximate (余, 多, 以上).
        public var approxMarkers: [String]
        /// Words before the number that make a figure approximate (近, 约, 不少于).
        public var approxPrefixes: [String] = []
        /// A measure word followed by these characters is another word (`个月`, `次日`, `项目`):
        /// each entry is the measure word with what follows it.
        public var falseMeasures: [String] = []
        /// Words that make a count a frequency when they stand before it in its clause (每月, 每季度).
        public var frequencyMarkers: [String] = []
        /// Words stripped from the front of an activity phrase (累计, 开展, 召开).
        public var leadingWords: [String] = []
        /// Words after a measure word that make the figure a threshold, not a count (`3名及以上`).
        public var thresholdMarkers: [String] = []
        /// Words that put the counts after them in their sentence over several years (近年来, 成立以来):
        /// such a figure is kept but marked as not the period's and left out of the period's totals.
        /// `年来`, `年以来` and `年至今` count after a number of years or a year before the report's,
        /// never after 今, 本 or 半 (`今年以来` is the period itself).
        public var multiYearMarkers: [String] = []
        /// Verbs of keeping to a numbered set (落实, 践行, 牢记): a Chinese numeral right after one
        /// names a formula (`落实十项措施`), not a count.
        public var formulaVerbs: [String] = []
        enum CodingKeys: String, CodingKey, CaseIterable {
            case activities, measureWords, formulas, approxMarkers, approxPrefixes, falseMeasures,
                 frequencyMarkers, leadingWords, thresholdMarkers, multiYearMarkers, formulaVerbs
        }
    }

    public struct ProblemCategory: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var keywords: [String]
        /// Example statements; a problem without a keyword goes to the nearest example's category.
        public var examples: [String]
        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, label, keywords, examples
        }
    }

    public struct ProblemTaxonomy: Codable, Sendable, Equatable {
        public var categories: [ProblemCategory]
        /// The category id for a statement that fits none.
        public var fallback: String
        /// Least similarity to an example for the prototype step to decide.
        public var exampleThreshold: Double
        enum CodingKeys: String, CodingKey, CaseIterable {
            case categories, fallback, exampleThreshold
        }
    }

    public struct Theme: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var keywords: [String]
        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, label, keywords
        }
    }

    public struct MergeSettings: Codable, Sendable, Equatable {
        /// Least character-bigram similarity (Dice) of a wording to a practice's leading wording.
        public var similarity: Double
        /// Least containment of the shorter wording's bigrams in a practice's leading wording.
        public var containment: Double
        /// Least character-bigram similarity (Dice) of a statement to a copy group's leading text.
        public var copyStatementSimilarity: Double = 0.8
        /// Words that mark a profile sentence (`现有党员31名`): its figures are no result of the period.
        public var profileMarkers: [String] = []
        /// Words that mark a result (`获评`, `增收`): a single unit's practice stating one is named.
        public var resultMarkers: [String] = []
        /// A single unit's practice shorter than this (characters) is a heading, never named on its own.
        public var distinctiveMinimumLength: Int = 16
        /// How many distinctive practices the summary names.
        public var distinctiveLimit: Int
        /// Least Jaccard similarity of two units' whole reports to flag them as suspected copying.
        public var copySimilarity: Double
        /// The largest figure a unit can plausibly report; a larger one (a slip or a hostile file)
        /// is left out of the totals and the unit is told.
        public var maxFigure: Int = 10_000_000
        enum CodingKeys: String, CodingKey, CaseIterable {
            case similarity, containment, distinctiveLimit, copySimilarity, copyStatementSimilarity, profileMarkers,
                 resultMarkers, distinctiveMinimumLength, maxFigure
        }
    }

    public struct RenderSettings: Codable, Sendable, Equatable {
        /// The area the consolidated report speaks for (`XX区`); its title starts with it.
        public var area: String
        /// Which files `run` writes: any of `Renderer.outputs`.
        public var outputs: [String]
        /// The mustache template summary.md (and so summary.docx) is written from: a path, relative
        /// paths read from the pipeline file's folder (made absolute when the file is loaded, so every
        /// command finds the template whatever its current folder); empty for the template built into the tool.
        public var summaryTemplate: String = ""
        /// Most units a sentence of the summary names; a longer list names that many and says
        /// where the whole list is, so that no line grows past what a person reads.
        public var maxUnitsNamed: Int = 20
        /// Most practices named under one theme besides its example (those several units share, most units first).
        public var maxPracticesNamed: Int = 3
        /// Most rows of the 附件 (units with something to tell first); the others are in review.html and summary.json.
        public var maxUnitRows: Int = 200
        enum CodingKeys: String, CodingKey, CaseIterable {
            case area, outputs, summaryTemplate, maxUnitsNamed, maxPracticesNamed, maxUnitRows
        }
    }
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, inputs, residue, placeholders, substitutions, sections, metrics, problems, themes, merge, render
    }
}
