import KlingCheck

/// Every API rule KlingPrep checks, once, as data (api.md; design.md, "Checks").
///
/// Each check in this module takes its rule from here, so the severity on each route and
/// backend, the fact, the fix and the source are written in one place; `klingprep rules`
/// prints this list.
public enum RuleBook {
    /// All rules, grouped by the job key they are about.
    public static var all: [Rule] {
        FieldRules.rules + ImageRules.rules + MediaRules.rules + BrushFieldRules.rules + BrushRules.rules
            + MaskRules.rules + ReadingRules.rules + FixRules.rules
    }

    /// The rule with `code`, if there is one.
    public static func rule(_ code: String) -> Rule? { all.first { $0.code == code } }
}
