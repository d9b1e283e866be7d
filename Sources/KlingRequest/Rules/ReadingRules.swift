import KlingCheck

/// The rules on reading a job file or a body at all (design.md, "Checks"): KlingPrep's own,
/// listed in the rule book so `klingprep rules` shows every code a report can hold.
public enum ReadingRules {
    /// The source tag of the reading rule with `code`, if there is one.
    static func source(of code: String) -> String? { rules.first { $0.code == code }?.source }

    /// Every reading rule, in the order `klingprep rules` lists them.
    public static let rules: [Rule] = [
        Rule(
            RequestCode.jobUnreadable, .error,
            fact: "a job file is a regular file that can be read, of at most 64 MiB.", source: "KlingPrep"),
        Rule(
            RequestCode.jobSyntax, .error, fact: "a job file is well-formed YAML or JSON, in UTF-8.",
            source: "KlingPrep"),
        Rule(RequestCode.jobEmpty, .error, fact: "a job file holds one mapping.", source: "KlingPrep"),
        Rule(
            RequestCode.jobUnknownKey, .error, fact: "every key of a job is one the job file knows.",
            source: "design.md"),
        Rule(RequestCode.jobTypeMismatch, .error, fact: "every value has the kind its key takes.", source: "design.md"),
        Rule(RequestCode.jobMissingField, .error, fact: "required keys are present.", source: "design.md"),
        Rule(RequestCode.jobDuplicateKey, .error, fact: "no key appears twice in one mapping.", source: "KlingPrep"),
        Rule(
            RequestCode.jobImageSource, .error, fact: "an image entry has exactly one of path, url, base64.",
            source: "design.md"),
        Rule(
            RequestCode.jobRouteUnknown, .error, fact: "route is image2video or multi-image2video.",
            source: "api.md, Routes"),
        Rule(RequestCode.bodySyntax, .error, fact: "a body is well-formed JSON.", source: "[K]"),
        Rule(
            RequestCode.bodyUnknownField, .warning, fact: "a body holds only the fields its route documents.",
            source: "[C-i2v], [C-mi], [K]"),
        Rule(
            RequestCode.bodyTypeMismatch, .error, fact: "every body field has its documented JSON type.", source: "[K]"),
        Rule(RequestCode.bodyMissingField, .error, fact: "a body has its route's required fields.", source: "[K]"),
    ]
}
