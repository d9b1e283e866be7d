import Foundation
import TestSupport
import Testing

/// The help texts are plain ASCII: ArgumentParser's `generate-manual` (the README's man page)
/// drops every other character ("1–4 times" became "14 times", "≤ 2500" lost its sign).
struct HelpTextTests {
    /// The subcommand names listed under SUBCOMMANDS: in `klingprep [PATH…] --help`.
    static func subcommands(of path: [String]) throws -> [String] {
        let help = try CommandRunner.run(path + ["--help"]).stdout
        guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        // Up to the blank line that ends the section; a name is a line's first word when the
        // line starts with exactly two spaces (continuations are indented further).
        let lines = help[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        return lines.prefix { !$0.isEmpty }.compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    @Test func everyCommandsHelpIsASCII() throws {
        var commands: [[String]] = [[]]
        var index = 0
        while index < commands.count, commands.count < 100 {
            commands += try Self.subcommands(of: commands[index]).map { commands[index] + [$0] }
            index += 1
        }
        #expect(commands.count > 15, "\(commands)")
        for command in commands {
            let result = try CommandRunner.run(command + ["--help"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let other = result.stdout.unicodeScalars.filter { !$0.isASCII }
            #expect(
                other.isEmpty,
                "klingprep \(command.joined(separator: " ")) --help: \(String(String.UnicodeScalarView(other)))")
        }
    }
}
