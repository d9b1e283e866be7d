import KlingBrush
import KlingCheck

/// A job's brushes judged by ``BrushRules``: KlingBrush's facts in, findings at the job's keys
/// out (`brushes.static[0]`, `brushes.dynamic[1].path`, 0-based).
///
/// A blank description is not judged here: it is the field rule `brushes.empty_description`'s
/// (``JobValidator``), which also knows when a value could not be read at all.
enum BrushCheck {
    /// The rules that need no drawing: the number of groups and each group's asked-for point
    /// count (its `points:` key, else the path's `points N`).
    static func counts(_ set: BrushSet, in context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        if let finding = BrushRules.groupCount(set.dynamic.count, at: "brushes.dynamic", in: context) {
            findings.append(finding)
        }
        // A set with more groups than the job's term limit is refused whole when drawn.
        for (index, group) in set.dynamic.prefix(DescriptionLimits.maximumJobTerms).enumerated() {
            guard let request = group.pointRequest else { continue }
            let key = request.source == .groupOption ? "points" : "path"
            if let finding = BrushRules.pointCount(request.count, at: "brushes.dynamic[\(index)].\(key)", in: context) {
                findings.append(finding)
            }
        }
        return findings
    }

    /// Every other brush rule, on the drawn set.
    ///
    /// - Parameter yamlQuotingHint: the descriptions were read from a YAML job file.
    static func drawn(
        _ built: BuiltBrushSet, of set: BrushSet, yamlQuotingHint: Bool, in context: RuleContext
    ) -> [Finding] {
        func description(_ error: BrushError?, text: String, at path: String) -> Finding? {
            guard let error, !text.trimmingWhitespace.isEmpty else { return nil }
            return BrushRules.description(error, at: path, yamlQuotingHint: yamlQuotingHint, in: context)
        }
        if let error = built.sizeError {
            return [BrushRules.description(error, at: "brushes", in: context)].compactMap { $0 }
        }
        var findings: [Finding?] = []
        for (index, (error, text)) in zip(built.staticErrors, set.staticAreas).enumerated() {
            findings.append(description(error, text: text, at: "brushes.static[\(index)]"))
        }
        if let facts = built.staticFacts {
            findings.append(BrushRules.emptyMask(facts, what: "the static area", at: "brushes.static", in: context))
            findings.append(
                BrushRules.staticCoverage(
                    facts, anyGroupMoves: built.groups.contains(where: \.moves), at: "brushes.static", in: context))
        }
        for (group, written) in zip(built.groups, set.dynamic) {
            let prefix = "brushes.dynamic[\(group.number - 1)]"
            findings.append(description(group.areaError, text: written.area, at: prefix + ".area"))
            if let facts = group.maskFacts {
                findings.append(
                    BrushRules.emptyMask(
                        facts, what: "the area of group \(group.number)", at: prefix + ".area", in: context))
            }
            findings.append(description(group.pathError, text: written.path, at: prefix + ".path"))
            if let trajectory = group.trajectory {
                findings.append(BrushRules.pointsOutside(trajectory, at: prefix + ".path", in: context))
            }
            findings.append(BrushRules.start(of: group, at: prefix + ".path", in: context))
            if let sampling = group.sampling {
                findings.append(BrushRules.sampling(sampling, at: prefix + ".path", in: context))
            }
        }
        for overlap in built.overlaps {
            findings.append(BrushRules.overlap(overlap, at: "brushes.dynamic[\(overlap.group - 1)].area", in: context))
        }
        return findings.compactMap { $0 }
    }
}
