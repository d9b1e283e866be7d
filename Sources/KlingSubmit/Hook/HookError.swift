import Foundation

/// Every way the callback receiver (`klingprep hook`) can fail to start or to give its URL.
///
/// No case carries the secret path segment or the API key: a state file is named by its path
/// only, and a callback URL is never part of a message.
public enum HookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state file exists but cannot be read (a folder, no permission, too large).
    case stateUnreadable(path: String, reason: String)
    /// The state file was read but is not the hook's state (not JSON, no usable secret).
    case stateMalformed(path: String, reason: String)
    /// The state file or its folder could not be written.
    case stateNotWritable(path: String, reason: String)
    /// A public base URL that cannot carry callbacks (no host, a query, another scheme).
    case invalidPublicBase(String, reason: String)
    /// Plain `http://` to a host that is not loopback: the secret path would travel unencrypted.
    case insecurePublicBase(String)
    /// A `--listen` value that is not `HOST:PORT`.
    case invalidListenAddress(String, reason: String)
    /// The server could not listen on the address (in use, not an address of this machine).
    case bindFailed(address: String, reason: String)

    /// One sentence a person can act on. Never contains the secret or the key.
    public var description: String {
        switch self {
        case .stateUnreadable(let path, let reason):
            return "Cannot read the hook state file \(path): \(reason)."
        case .stateMalformed(let path, let reason):
            return
                "The hook state file \(path) is not usable: \(reason). Move it away to create a new secret (callback URLs given out before stop working)."
        case .stateNotWritable(let path, let reason):
            return "Cannot write the hook state file \(path): \(reason)."
        case .invalidPublicBase(let base, let reason):
            return "The public base URL \(base) is not usable: \(reason)."
        case .insecurePublicBase(let base):
            return
                "Refusing plain http:// for the public base URL \(base): the secret callback path would travel unencrypted. Use https://, or http:// only to 127.0.0.1, ::1 or localhost."
        case .invalidListenAddress(let value, let reason):
            return
                "--listen \(value) is not usable: \(reason). Give HOST:PORT, e.g. 127.0.0.1:8787 or [::1]:8787 (port 0 picks a free one)."
        case .bindFailed(let address, let reason):
            return "Cannot listen on \(address): \(reason)."
        }
    }
}
