/// Where the callback receiver listens: a host (an IP address or a name of this machine) and a
/// TCP port (0 picks a free one when binding).
public struct HookListenAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The host, without brackets (`127.0.0.1`, `::1`, `0.0.0.0`, `localhost`).
    public let host: String
    /// The TCP port, 0…65535.
    public let port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, with an IPv6 host in brackets (`[::1]:8787`).
    ///
    /// - Throws: ``HookError/invalidListenAddress(_:reason:)`` when the host is missing, an IPv6
    ///   address has no brackets, or the port is not a number from 0 to 65535.
    public init(parsing text: String) throws(HookError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw .invalidListenAddress(text, reason: "the IPv6 address has no closing ']'")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .invalidListenAddress(text, reason: "no :PORT after the address") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw .invalidListenAddress(text, reason: "no :PORT")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") {
                throw .invalidListenAddress(text, reason: "an IPv6 address goes in brackets")
            }
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw .invalidListenAddress(text, reason: "no host")
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText),
            (0...65_535).contains(port)
        else {
            throw .invalidListenAddress(text, reason: "the port must be a number from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }

    /// `HOST:PORT`, with an IPv6 host in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
