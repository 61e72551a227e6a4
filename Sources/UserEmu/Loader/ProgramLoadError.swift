import ELFLoader

/// A load failure as the front end reports it: `<programName>: <path>: <reason>`.
public struct ProgramLoadError: Error, CustomStringConvertible, Sendable {
    /// The program path as given on the command line.
    public let path: String
    /// One line, qemu style ("could not open ELF interpreter ...: No such file or directory").
    public let reason: String
    /// The underlying error.
    public let error: ELFLoadError

    /// Wraps `error` for the program at `path`.
    public init(path: String, error: ELFLoadError) {
        self.path = path
        self.reason = error.reason
        self.error = error
    }

    /// `<path>: <reason>`.
    public var description: String { "\(path): \(reason)" }
}
